/**
 * The channel tab's configuration page: the Board's team picks what the tab shows. In Teams, Save stores the
 * choice with pages.config.setConfig (content /channel?view=…); outside Teams it shows where the tab would go.
 */
import { Field, Link, Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import { loadTeamsSdk } from '../host/teams-sdk';
import { useEffect, useRef, useState } from 'react';
import { CHANNEL_VIEWS, type ChannelView } from '../app/Pages';
import { useSession } from '../app/session';
import { usePageTitle } from '../components/page-title';
import { useStrings } from '../strings';
import { PageHeading } from '../components/PageHeading';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '40rem' },
});

export const channelContentUrl = (origin: string, view: ChannelView) => `${origin}/channel?view=${view}`;

export default function ConfigPage() {
  const t = useStrings();
  const styles = useStyles();
  const { host } = useSession();
  usePageTitle(t.config.title);
  const [view, setView] = useState<ChannelView | ''>('');
  const chosen = useRef<ChannelView | ''>('');
  chosen.current = view;
  const inTeams = host.kind === 'teams';
  const origin = window.location.origin;

  useEffect(() => {
    if (!inTeams) return;
    void loadTeamsSdk().then(({ pages }) =>
      pages.config.registerOnSaveHandler((save) => {
        const v = chosen.current;
        if (!v) return save.notifyFailure(t.config.required);
        pages.config
          .setConfig({
            contentUrl: channelContentUrl(origin, v),
            websiteUrl: `${origin}/${v}`,
            entityId: `channel-${v}`,
            suggestedDisplayName: t.config.names[v],
          })
          .then(
            () => save.notifySuccess(),
            (e: unknown) => save.notifyFailure(e instanceof Error ? e.message : String(e)),
          );
      }),
    );
  }, [inTeams, origin, t]);

  const pick = (v: ChannelView) => {
    setView(v);
    if (inTeams) void loadTeamsSdk().then(({ pages }) => pages.config.setValidityState(true));
  };

  return (
    <div className={styles.page}>
      <PageHeading>{t.config.title}</PageHeading>
      <Text as="p" block>
        {t.config.intro}
      </Text>
      <Field label={t.config.view} required hint={inTeams ? t.config.saveHint : undefined}>
        <RadioGroup value={view} onChange={(_, d) => pick(d.value as ChannelView)}>
          {CHANNEL_VIEWS.map((v) => (
            <Radio key={v} value={v} label={t.config.views[v]} />
          ))}
        </RadioGroup>
      </Field>
      {!inTeams && view ? (
        <Text as="p" block>
          {t.config.outsideTeams(channelContentUrl(origin, view))}{' '}
          <Link href={channelContentUrl(origin, view)}>{t.config.names[view]}</Link>
        </Text>
      ) : null}
    </div>
  );
}
