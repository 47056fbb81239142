// Money figures shown as labelled tiles: each a term and its amount, read as a description list.
import { Paper, SimpleGrid, Text } from '@mantine/core';
import { formatMoney } from '../../lib/money';
import { formattingLocale } from '../../lib/i18n';

export function Figures({
  currency,
  items,
  testId,
}: {
  currency: string;
  items: { label: string; minor: number; key: string }[];
  testId?: string;
}) {
  const locale = formattingLocale();
  return (
    <SimpleGrid
      component="dl"
      cols={{ base: 2, sm: items.length > 4 ? 3 : items.length }}
      data-testid={testId}
      m={0}
    >
      {items.map((item) => (
        <Paper key={item.key} withBorder p="sm" radius="md">
          <Text component="dt" size="sm" c="dimmed">
            {item.label}
          </Text>
          <Text
            component="dd"
            m={0}
            fw={700}
            size="lg"
            data-figure={item.key}
            data-minor={item.minor}
          >
            {formatMoney(item.minor, currency, locale)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
