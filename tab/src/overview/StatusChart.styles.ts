import { makeStyles, tokens } from '@fluentui/react-components';

export const useStatusChartStyles = makeStyles({
  figure: {
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  caption: {
    color: tokens.colorNeutralForeground1,
  },
  note: {
    color: tokens.colorNeutralForeground2,
  },
  plot: {
    height: '240px',
    minWidth: 0,
  },
});
