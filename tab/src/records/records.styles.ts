import { makeStyles, tokens } from '@fluentui/react-components';

/** Layout shared by the records panels: a column of blocks, rows of controls that wrap. */
export const useRecordsStyles = makeStyles({
  /** Under the selected war room's panel, in the dashboard's second column (one column when narrow). */
  tabs: {
    gridColumn: '2 / -1',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    minWidth: 0,
    '@media (max-width: 720px)': { gridColumn: 'auto' },
  },
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    minWidth: 0,
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'end',
    gap: tokens.spacingHorizontalS,
  },
  grow: {
    flexGrow: 1,
    minWidth: '12rem',
  },
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  scroller: {
    overflowX: 'auto',
  },
});
