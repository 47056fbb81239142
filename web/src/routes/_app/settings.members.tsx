import { Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { request } from '../../lib/client';
import { formatDateTime } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { useAction } from '../../lib/use-action';
import { useFormSubmit } from '../../lib/use-form-submit';
import { hasRole, useViewer, type Role } from '../../features/session/viewer';
import {
  ChangeMemberRoleMutation,
  InviteMemberMutation,
  MembersQuery,
  RemoveMemberMutation,
  ResendInvitationMutation,
  RevokeInvitationMutation,
} from '../../features/settings/operations';
import { ConfirmButton } from '../../ui/confirm-button';
import { FormAlert } from '../../ui/form-alert';
import { notifySuccess } from '../../ui/notify';
import { Page } from '../../ui/page';
import { Section } from '../../ui/section';
import { Empty } from '../../ui/states';

export const Route = createFileRoute('/_app/settings/members')({ component: MembersPage });

const ROLES: Record<'FUNDER' | 'GRANTEE', Role[]> = {
  FUNDER: ['OWNER', 'MANAGER', 'REVIEWER', 'FINANCE', 'AUDITOR'],
  GRANTEE: ['OWNER', 'MEMBER'],
};

function useMembers(isAdmin: boolean) {
  return useSuspenseQuery({
    queryKey: ['members', isAdmin],
    queryFn: () => request(MembersQuery, { withInvitations: isAdmin }),
  });
}

function MembersPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const isAdmin = hasRole(viewer, 'OWNER', 'MANAGER');
  const isOwner = hasRole(viewer, 'OWNER');
  const kind = viewer.me.organization?.kind ?? 'GRANTEE';
  const roles = ROLES[kind];
  const { data } = useMembers(isAdmin);
  const run = useAction([['members']]);
  const owners = data.members.nodes.filter((m) => m.role === 'OWNER').length;
  const roleOptions = (current: Role) =>
    roles
      .filter((r) => isOwner || (r !== 'OWNER' && current !== 'OWNER') || r === current)
      .map((r) => ({ value: r, label: t(`role.${r}`) }));

  return (
    <Page title={t('members.title')} description={t('members.description')}>
      <Section
        title={t('members.current', { count: data.members.totalCount })}
        description={t('members.rules')}
      >
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.displayName')}</Table.Th>
                <Table.Th>{t('fields.email')}</Table.Th>
                <Table.Th>{t('fields.role')}</Table.Th>
                {isAdmin && <Table.Th>{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.members.nodes.map((m) => {
                const self = m.person.id === viewer.me.person?.id;
                const lastOwner = m.role === 'OWNER' && owners <= 1;
                const touchable = isAdmin && (isOwner || m.role !== 'OWNER');
                return (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      {m.person.displayName}{' '}
                      {self && (
                        <Badge variant="light" size="sm">
                          {t('members.you')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{m.person.email}</Table.Td>
                    <Table.Td>
                      {touchable && !lastOwner ? (
                        <Select
                          aria-label={t('members.roleOf', { name: m.person.displayName })}
                          size="xs"
                          w={170}
                          allowDeselect={false}
                          value={m.role}
                          data={roleOptions(m.role)}
                          onChange={(role) => {
                            if (role && role !== m.role)
                              void run(
                                () =>
                                  request(ChangeMemberRoleMutation, {
                                    membershipId: m.id,
                                    role: role,
                                  }),
                                t('members.roleChanged'),
                              );
                          }}
                        />
                      ) : (
                        <Stack gap={2}>
                          <Text size="sm">{t(`role.${m.role}`)}</Text>
                          {lastOwner && isAdmin && (
                            <Text size="xs" c="dimmed">
                              {t('members.lastOwner')}
                            </Text>
                          )}
                        </Stack>
                      )}
                    </Table.Td>
                    {isAdmin && (
                      <Table.Td>
                        {touchable && !lastOwner && (
                          <ConfirmButton
                            size="xs"
                            variant="subtle"
                            color="red"
                            aria-label={t('members.removeName', { name: m.person.displayName })}
                            title={t('members.removeTitle')}
                            message={t('members.removeConfirm', { name: m.person.displayName })}
                            confirmLabel={t('members.remove')}
                            onConfirm={() =>
                              run(
                                () => request(RemoveMemberMutation, { membershipId: m.id }),
                                t('members.removed'),
                              )
                            }
                          >
                            {t('members.remove')}
                          </ConfirmButton>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Section>
      {isAdmin && data.invitations && (
        <Section title={t('members.invitations')}>
          {data.invitations.nodes.length === 0 ? (
            <Empty>{t('members.noInvitations')}</Empty>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('fields.email')}</Table.Th>
                    <Table.Th>{t('fields.role')}</Table.Th>
                    <Table.Th>{t('members.expires')}</Table.Th>
                    <Table.Th>{t('common.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.invitations.nodes.map((i) => (
                    <Table.Tr key={i.id}>
                      <Table.Td>{i.email}</Table.Td>
                      <Table.Td>{t(`role.${i.role}`)}</Table.Td>
                      <Table.Td>{formatDateTime(i.expiresAt, formattingLocale())}</Table.Td>
                      <Table.Td>
                        <Group gap="xs">
                          <Button
                            size="xs"
                            variant="light"
                            aria-label={t('members.resendTo', { email: i.email })}
                            onClick={() =>
                              void run(
                                () => request(ResendInvitationMutation, { invitationId: i.id }),
                                t('members.resent', { email: i.email }),
                              )
                            }
                          >
                            {t('members.resend')}
                          </Button>
                          <ConfirmButton
                            size="xs"
                            variant="subtle"
                            color="red"
                            aria-label={t('members.revokeFor', { email: i.email })}
                            title={t('members.revokeTitle')}
                            message={t('members.revokeConfirm', { email: i.email })}
                            confirmLabel={t('members.revoke')}
                            onConfirm={() =>
                              run(
                                () => request(RevokeInvitationMutation, { invitationId: i.id }),
                                t('members.revoked'),
                              )
                            }
                          >
                            {t('members.revoke')}
                          </ConfirmButton>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <InviteForm roles={roles.filter((r) => isOwner || r !== 'OWNER')} />
        </Section>
      )}
    </Page>
  );
}

function InviteForm({ roles }: { roles: Role[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '', role: roles.includes('MANAGER') ? 'MANAGER' : 'MEMBER' },
    validate: zod4Resolver(
      z.object({ email: z.string().trim().email(t('validation.email')), role: z.string().min(1) }),
    ),
  });
  const { onSubmit, topError, submitting } = useFormSubmit(form, async (values) => {
    await request(InviteMemberMutation, {
      input: { email: values.email.trim(), role: values.role as Role },
    });
    await queryClient.invalidateQueries({ queryKey: ['members'] });
    form.reset();
    notifySuccess(t('members.invited', { email: values.email.trim() }));
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('members.invite')}>
      <Stack gap="sm">
        <Text fw={600}>{t('members.invite')}</Text>
        <FormAlert message={topError} />
        <Group align="flex-end">
          <TextInput
            label={t('fields.email')}
            type="email"
            required
            w={280}
            key={form.key('email')}
            {...form.getInputProps('email')}
          />
          <Select
            label={t('fields.role')}
            allowDeselect={false}
            w={200}
            data={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            key={form.key('role')}
            {...form.getInputProps('role')}
          />
          <Button type="submit" loading={submitting}>
            {t('members.sendInvitation')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
