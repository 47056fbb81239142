// The organisation's names in open grant data: its org-id identifier and, for a funder, the
// 360Giving publisher prefix its grant ids start with.
import { Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { request } from '../../lib/client';
import { queryClient } from '../../lib/query-client';
import { useFormSubmit } from '../../lib/use-form-submit';
import { FormAlert } from '../../ui/form-alert';
import { notifySuccess } from '../../ui/notify';
import { Section } from '../../ui/section';
import { UpdateOpenDataSettingsMutation } from './operations';

const ORG_IDENTIFIER = /^(?:|[A-Z]{2}-[A-Z0-9]{2,12}-[A-Za-z0-9][A-Za-z0-9._-]*)$/;
const GRANT_ID_PREFIX = /^(?:|360G-[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*)$/;

export function OpenDataSettings({
  funder,
  canEdit,
  current,
}: {
  funder: boolean;
  canEdit: boolean;
  current: { orgIdentifier: string | null; grantIdPrefix: string | null };
}) {
  const { t } = useTranslation();
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: {
      orgIdentifier: current.orgIdentifier ?? '',
      grantIdPrefix: current.grantIdPrefix ?? '',
    },
    validate: zod4Resolver(
      z.object({
        orgIdentifier: z
          .string()
          .trim()
          .max(120)
          .regex(ORG_IDENTIFIER, t('openData.badIdentifier')),
        grantIdPrefix: z.string().trim().max(60).regex(GRANT_ID_PREFIX, t('openData.badPrefix')),
      }),
    ),
  });
  const { onSubmit, topError, submitting } = useFormSubmit(form, async (values) => {
    await request(UpdateOpenDataSettingsMutation, {
      input: {
        orgIdentifier: values.orgIdentifier.trim(),
        ...(funder ? { grantIdPrefix: values.grantIdPrefix.trim() } : {}),
      },
    });
    await queryClient.invalidateQueries({ queryKey: ['viewer'] });
    notifySuccess(t('openData.saved'));
  });
  return (
    <Section
      title={t('openData.settingsTitle')}
      description={funder ? t('openData.settingsHintFunder') : t('openData.settingsHintGrantee')}
    >
      <form onSubmit={onSubmit} noValidate>
        <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
          <Stack maw={460}>
            <FormAlert message={topError} />
            <TextInput
              label={t('openData.orgIdentifier')}
              description={t('openData.orgIdentifierHint')}
              placeholder="DE-VR-12345"
              key={form.key('orgIdentifier')}
              {...form.getInputProps('orgIdentifier')}
            />
            {funder && (
              <TextInput
                label={t('openData.grantIdPrefix')}
                description={t('openData.grantIdPrefixHint')}
                placeholder="360G-stiftungzukunft"
                key={form.key('grantIdPrefix')}
                {...form.getInputProps('grantIdPrefix')}
              />
            )}
            <Text size="sm" c="dimmed">
              <Anchor href="https://org-id.guide/" target="_blank" rel="noreferrer">
                {t('openData.orgIdGuide')}
              </Anchor>
            </Text>
            {canEdit && (
              <Group>
                <Button type="submit" loading={submitting}>
                  {t('openData.save')}
                </Button>
              </Group>
            )}
          </Stack>
        </fieldset>
      </form>
    </Section>
  );
}
