// Changing a programme's settings; what the API refuses shows at its field.
import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { ProgrammeQuery, UpdateProgrammeMutation } from '../../features/programmes/operations';
import { ProgrammeForm, toInput } from '../../features/programmes/programme-form';
import { notifySuccess } from '../../ui/notify';
import { Page } from '../../ui/page';

export const Route = createFileRoute('/_app/programmes/$programmeId/edit')({
  component: EditProgrammePage,
});

function EditProgrammePage() {
  const { t } = useTranslation();
  const { programmeId } = Route.useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery({
    queryKey: ['programme', programmeId],
    queryFn: () => request(ProgrammeQuery, { programmeId }),
  });
  const programme = data.programme;
  return (
    <Page title={t('programmeEditor.editTitle', { title: programme.title })}>
      <ProgrammeForm
        programme={programme}
        submitLabel={t('common.save')}
        onSubmit={async (values) => {
          await request(UpdateProgrammeMutation, {
            programmeId,
            input: toInput(values, programme.status === 'DRAFT'),
          });
          await queryClient.invalidateQueries({ queryKey: ['programme', programmeId] });
          await queryClient.invalidateQueries({ queryKey: ['programmes'] });
          notifySuccess(t('programmeEditor.saved'));
          await navigate({ to: '/programmes/$programmeId', params: { programmeId } });
        }}
      />
    </Page>
  );
}
