import { makeStyles, tokens } from '@fluentui/react-components';

export const useWarRoomPanelsStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    minWidth: 0,
  },
  panel: {
    minWidth: 0,
  },
});
