import { makeStyles, tokens } from '@fluentui/react-components';

export const useOverviewStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    minWidth: 0,
  },
  heading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
  },
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  /** The items section while the snapshot loads (a class: `hidden` loses to `display`). */
  waiting: {
    display: 'none',
  },
  title: {
    margin: 0,
  },
  muted: {
    color: tokens.colorNeutralForeground2,
  },
});
