import { makeStyles, tokens } from '@fluentui/react-components';

/** Below this width a row wraps onto two lines: the status column is never hidden. */
const NARROW = '@media (max-width: 640px)';

export const useItemsTableStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  filters: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(160px, 100%), 1fr))',
    alignItems: 'end',
    gap: tokens.spacingHorizontalM,
    '& > *': {
      minWidth: 0,
    },
  },
  /** A native select is as wide as its longest option unless told to shrink. */
  select: {
    minWidth: 0,
    width: '100%',
    '& select': {
      minWidth: 0,
      width: '100%',
    },
  },
  descending: {
    alignSelf: 'end',
  },
  table: {
    display: 'flex',
    flexDirection: 'column',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
  scroller: {
    height: '420px',
    overflowY: 'auto',
    overflowX: 'hidden',
    position: 'relative',
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    },
  },
  sizer: {
    position: 'relative',
    width: '100%',
  },
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 2fr) 150px minmax(0, 1fr) 110px minmax(0, 2fr)',
    gridTemplateAreas: '"identity status batch since error"',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    boxSizing: 'border-box',
    minHeight: '40px',
    [NARROW]: {
      gridTemplateColumns: 'minmax(0, 1fr) auto',
      gridTemplateAreas: '"identity status" "batch since" "error error"',
      rowGap: tokens.spacingVerticalXXS,
    },
  },
  header: {
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  bodyRow: {
    position: 'absolute',
    top: 0,
    left: 0,
    width: '100%',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  identity: {
    gridArea: 'identity',
    overflowWrap: 'anywhere',
  },
  status: {
    gridArea: 'status',
  },
  batch: {
    gridArea: 'batch',
    overflowWrap: 'anywhere',
  },
  since: {
    gridArea: 'since',
    whiteSpace: 'nowrap',
  },
  error: {
    gridArea: 'error',
    color: tokens.colorPaletteRedForeground1,
    overflowWrap: 'anywhere',
    fontSize: tokens.fontSizeBase200,
  },
  placeholder: {
    gridColumn: '1 / -1',
    color: tokens.colorNeutralForeground3,
  },
});
