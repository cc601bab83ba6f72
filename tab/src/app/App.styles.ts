import { makeStyles } from '@fluentui/react-components';

export const useAppStyles = makeStyles({
  root: {
    minHeight: '100vh',
  },
  connecting: {
    paddingTop: '20vh',
  },
});
