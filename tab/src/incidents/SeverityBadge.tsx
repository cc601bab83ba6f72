import { Badge, type BadgeProps } from '@fluentui/react-components';
import type { Severity } from '../../../shared/domain/incident';
import { useT } from '../i18n/locale';

const LOOK: Record<Severity, Pick<BadgeProps, 'color' | 'appearance'>> = {
  sev1: { color: 'danger', appearance: 'filled' },
  sev2: { color: 'warning', appearance: 'filled' },
  sev3: { color: 'informative', appearance: 'tint' },
  sev4: { color: 'informative', appearance: 'outline' },
};

/** Severity as a coloured badge; the text carries the meaning, the colour only helps. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useT();
  return (
    <Badge {...LOOK[severity]} shape="rounded" data-severity={severity}>
      {t(`severity.${severity}`)}
    </Badge>
  );
}
