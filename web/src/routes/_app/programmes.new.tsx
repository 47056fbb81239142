// A new programme: the editor, empty but for the defaults; saved as a draft.
import { useQueryClient } from '@tanstack/react-query';
import { createFileRoute, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { CreateProgrammeMutation } from '../../features/programmes/operations';
import { ProgrammeForm, toInput } from '../../features/programmes/programme-form';
import { notifySuccess } from '../../ui/notify';
import { Page } from '../../ui/page';

export const Route = createFileRoute('/_app/programmes/new')({ component: NewProgrammePage });

function NewProgrammePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <Page title={t('programmeEditor.newTitle')} description={t('programmeEditor.newDescription')}>
      <ProgrammeForm
        submitLabel={t('programmeEditor.create')}
        onSubmit={async (values) => {
          const data = await request(CreateProgrammeMutation, { input: toInput(values, true) });
          await queryClient.invalidateQueries({ queryKey: ['programmes'] });
          notifySuccess(t('programmeEditor.created'));
          await navigate({
            to: '/programmes/$programmeId',
            params: { programmeId: data.createProgramme.id },
          });
        }}
      />
    </Page>
  );
}
