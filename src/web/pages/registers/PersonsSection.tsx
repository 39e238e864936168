import { useRouter } from '../../router';
import { NotFound } from '../NotFound';
import { PersonsPage } from '../persons/PersonsPage';
import { TimelinePage } from './TimelinePage';

const TIMELINE = /^\/personer\/([0-9a-f]{64})\/?$/;

/** /personer is the person search; /personer/{pseudonym} that person's timeline. */
export function PersonsSection() {
  const { path } = useRouter();
  if (path === '/personer' || path === '/personer/') return <PersonsPage />;
  const pseudonym = TIMELINE.exec(path)?.[1];
  return pseudonym ? <TimelinePage key={pseudonym} pseudonym={pseudonym} /> : <NotFound />;
}
