// Help while a learning is written: tags already in use are suggested as one types (so the
// commons keeps one word for one topic), and learnings of others on the same topic are shown
// while the text takes shape. Both ask the API only once typing pauses; both are used only by
// lazily loaded pages (the funder's "write a learning" and the team's sprint review).
import {
  Badge,
  Group,
  List,
  Paper,
  Stack,
  TagsInput,
  Text,
  VisuallyHidden,
  type TagsInputProps,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { AnchorLink } from '../../ui/links';
import { KIND_COLOR, sourceLine } from './learning-card';
import { LearningTagSuggestionsQuery, SimilarLearningsQuery } from './write-operations';
import { asTag } from './tag';

const TAG_DELAY_MS = 250;
const SIMILAR_DELAY_MS = 700;
/** Fewer letters than this say too little about a topic to look for others on it. */
const SIMILAR_MIN_LENGTH = 8;

/** Tags input whose dropdown offers the tags in use that start with what is typed. */
export function LearningTagsInput({
  value,
  onChange,
  ...props
}: Omit<TagsInputProps, 'data' | 'searchValue' | 'onSearchChange' | 'onChange' | 'value'> & {
  value: string[];
  onChange: (tags: string[]) => void;
}) {
  const [search, setSearch] = useState('');
  // Suggestions for what the tag will become ("open so" finds "open-source").
  const [prefix] = useDebouncedValue(asTag(search), TAG_DELAY_MS);
  const suggestions = useQuery({
    queryKey: ['learnings', 'tag-suggestions', prefix],
    queryFn: () => request(LearningTagSuggestionsQuery, { prefix: prefix || undefined }),
    enabled: prefix.length > 0,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
  // Offered as they would be kept (a tag written through the API may hold a space).
  const data = [
    ...new Set((prefix ? (suggestions.data?.learningTagSuggestions ?? []) : []).map(asTag)),
  ].filter((tag) => tag && !value.includes(tag));
  return (
    <TagsInput
      {...props}
      value={value}
      data={data}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(tags) => onChange([...new Set(tags.map(asTag).filter(Boolean))])}
      maxTags={10}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/**
 * "Similar learnings of others" for a text being written: a polite live region that stays empty
 * (and takes no space) until the API finds learnings on the topic.
 */
export function SimilarLearnings({ text }: { text: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [debounced] = useDebouncedValue(
    text.replace(/\s+/g, ' ').trim().slice(0, 1000),
    SIMILAR_DELAY_MS,
  );
  const similar = useQuery({
    queryKey: ['learnings', 'similar', debounced],
    queryFn: () => request(SimilarLearningsQuery, { text: debounced }),
    enabled: debounced.length >= SIMILAR_MIN_LENGTH,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
  const found =
    debounced.length >= SIMILAR_MIN_LENGTH ? (similar.data?.similarLearnings ?? []) : [];
  return (
    <div aria-live="polite" data-testid="similar-learnings">
      {found.length > 0 && (
        <Paper withBorder p="sm" radius="sm" component="section" aria-labelledby={headingId}>
          <Stack gap={4}>
            <Text fw={600} size="sm" id={headingId}>
              {t('learnings.write.similarTitle')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('learnings.write.similarHint')}
            </Text>
            <List size="sm" spacing={4} listStyleType="none">
              {found.map((l) => (
                <List.Item key={l.id}>
                  <Group gap="xs" wrap="nowrap" align="baseline">
                    <Badge size="xs" variant="light" color={KIND_COLOR[l.kind]}>
                      {t(`commons.kind.${l.kind}`)}
                    </Badge>
                    <Stack gap={0}>
                      {/* In a new tab: the text being written stays as it is (a new learning's
                          form is not saved until it is sent). */}
                      <AnchorLink
                        to="/learnings/$learningId"
                        params={{ learningId: l.id }}
                        size="sm"
                        target="_blank"
                        rel="noopener"
                      >
                        {l.title}
                        <VisuallyHidden> {t('learnings.write.opensInNewTab')}</VisuallyHidden>
                      </AnchorLink>
                      <Text size="xs" c="dimmed">
                        {sourceLine(l, t)}
                      </Text>
                    </Stack>
                  </Group>
                </List.Item>
              ))}
            </List>
          </Stack>
        </Paper>
      )}
    </div>
  );
}
