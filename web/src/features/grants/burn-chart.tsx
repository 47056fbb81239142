// The burn-down chart (recharts, loaded with the grant home only when it renders): planned
// against actual money left after each sprint. Figures are minor units; the axis formats them.
import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { currencyDecimals, formatMoney } from '../../lib/money';
import type { BurnPoint } from './burn';

export function BurnChart({
  points,
  currency,
  locale,
}: {
  points: BurnPoint[];
  currency: string;
  locale: string;
}) {
  const { t } = useTranslation();
  const money = (v: number) => formatMoney(v, currency, locale);
  const compact = (v: number) =>
    new Intl.NumberFormat(locale, { notation: 'compact', style: 'currency', currency }).format(
      Number(BigInt(v) / 10n ** BigInt(currencyDecimals(currency))),
    );
  return (
    <div role="img" aria-label={t('grant.burn.chartLabel')} style={{ width: '100%', height: 280 }}>
      <ResponsiveContainer>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis tickFormatter={compact} width={80} />
          <Tooltip formatter={(value) => money(Number(value))} />
          <Legend />
          <Line
            type="linear"
            dataKey="planned"
            name={t('grant.burn.planned')}
            stroke="#868e96"
            strokeDasharray="6 4"
            isAnimationActive={false}
          />
          <Line
            type="linear"
            dataKey="actual"
            name={t('grant.burn.actual')}
            stroke="#1c7ed6"
            strokeWidth={2}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
