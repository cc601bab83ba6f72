import { makeStyles, tokens } from '@fluentui/react-components';

export const useTilesStyles = makeStyles({
  tiles: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
  tile: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTopWidth: tokens.strokeWidthThickest,
    minWidth: 0,
  },
  danger: {
    borderTopColor: tokens.colorPaletteRedBorder2,
  },
  warning: {
    borderTopColor: tokens.colorPaletteDarkOrangeBorder2,
  },
  label: {
    margin: 0,
    color: tokens.colorNeutralForeground2,
  },
  value: {
    margin: 0,
    overflowWrap: 'anywhere',
  },
  details: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    overflowWrap: 'anywhere',
  },
  ref: {
    fontWeight: tokens.fontWeightSemibold,
  },
  muted: {
    color: tokens.colorNeutralForeground2,
  },
  overdue: {
    color: tokens.colorPaletteRedForeground1,
  },
});
