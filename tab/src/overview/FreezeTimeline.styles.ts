import { makeStyles, tokens } from '@fluentui/react-components';

export const useFreezeTimelineStyles = makeStyles({
  timeline: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  axis: {
    display: 'flex',
    justifyContent: 'space-between',
  },
  rows: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  row: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  label: {
    overflowWrap: 'anywhere',
  },
  ref: {
    fontWeight: tokens.fontWeightSemibold,
  },
  track: {
    position: 'relative',
    height: '12px',
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground3,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  bar: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorPaletteBlueBorderActive,
  },
  releasedBar: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralStrokeAccessible,
    opacity: 0.5,
  },
  nowLine: {
    position: 'absolute',
    top: '-4px',
    bottom: '-4px',
    width: '2px',
    backgroundColor: tokens.colorPaletteRedForeground1,
  },
  nowRow: {
    position: 'relative',
    height: tokens.lineHeightBase300,
  },
  nowLabel: {
    position: 'absolute',
    whiteSpace: 'nowrap',
    color: tokens.colorPaletteRedForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  muted: {
    color: tokens.colorNeutralForeground2,
  },
});
