/** Returns: placeholder until the returns capability's contract lands. */
import { Text, Title2 } from '@fluentui/react-components';
import { usePageTitle } from '../components/page-title';
import { useStrings } from '../strings';

export default function ReturnsPage() {
  const t = useStrings();
  usePageTitle(t.nav.returns);
  return (
    <>
      <Title2 as="h1">{t.nav.returns}</Title2>
      <Text as="p">…</Text>
    </>
  );
}
