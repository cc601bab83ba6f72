import { makeStyles, tokens } from '@fluentui/react-components';

export const useIncidentTableStyles = makeStyles({
  scroller: {
    overflowX: 'auto',
  },
  table: {
    // Let the browser size columns by content, so titles get the room the short columns do not need.
    tableLayout: 'auto',
    minWidth: '720px',
  },
  ref: {
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: 'nowrap',
  },
  nowrap: {
    whiteSpace: 'nowrap',
  },
  title: {
    minWidth: '200px',
    overflowWrap: 'anywhere',
  },
  reporter: {
    minWidth: '120px',
  },
});
