// Facets of a search: each value a toggle with its count for the current search. Choosing one
// narrows the search; choosing it again lifts the narrowing.
import { Button, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface FacetValue {
  value: string;
  label?: string | null;
  count: number;
}

export function Facet({
  name,
  title,
  values,
  selected,
  label,
  onToggle,
}: {
  name: string;
  title: string;
  values: readonly FacetValue[];
  selected: string | undefined;
  label?: (v: FacetValue) => string;
  onToggle: (value: string | undefined) => void;
}) {
  const { t } = useTranslation();
  if (!values.length) return null;
  return (
    <Stack gap={4} component="section" aria-labelledby={`facet-${name}`}>
      <Text component="h3" fw={600} size="sm" id={`facet-${name}`}>
        {title}
      </Text>
      {values.map((v) => {
        const on = selected === v.value;
        return (
          <Button
            key={v.value}
            variant={on ? 'filled' : 'subtle'}
            size="compact-sm"
            justify="space-between"
            fullWidth
            aria-pressed={on}
            onClick={() => onToggle(on ? undefined : v.value)}
            rightSection={<span aria-hidden>{v.count}</span>}
            // A long programme or funder name wraps rather than being cut off mid-word.
            styles={{
              root: { height: 'auto', minHeight: 'var(--button-height)', paddingBlock: 3 },
              label: {
                whiteSpace: 'normal',
                overflow: 'visible',
                textAlign: 'start',
                lineHeight: 1.3,
              },
            }}
          >
            <span>
              {label ? label(v) : (v.label ?? v.value)}
              <VisuallyHidden>{t('commons.facetCount', { count: v.count })}</VisuallyHidden>
            </span>
          </Button>
        );
      })}
    </Stack>
  );
}
