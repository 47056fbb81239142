// The money pages of one grant, linked to each other and back to the grant.
import { Anchor, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../ui/links';

export function GrantMoneyNav({ grantId }: { grantId: string }) {
  const { t } = useTranslation();
  return (
    <Group component="nav" aria-label={t('grantMoney.navLabel')} gap="lg">
      <Anchor href={`/grants/${grantId}`}>{t('grantMoney.grantHome')}</Anchor>
      <AnchorLink to="/grants/$grantId/budget" params={{ grantId }}>
        {t('grantMoney.budget')}
      </AnchorLink>
      <AnchorLink to="/grants/$grantId/tranches" params={{ grantId }}>
        {t('grantMoney.tranches')}
      </AnchorLink>
      <AnchorLink to="/grants/$grantId/notices" params={{ grantId }}>
        {t('grantMoney.notices')}
      </AnchorLink>
      <AnchorLink to="/grants/$grantId/proof-of-use" params={{ grantId }}>
        {t('proof.nav')}
      </AnchorLink>
      <AnchorLink to="/reports" search={{ grantId }}>
        {t('grantMoney.reports')}
      </AnchorLink>
    </Group>
  );
}
