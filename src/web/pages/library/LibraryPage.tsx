import { useRouter } from '../../router';
import { EntryView } from './EntryView';
import { LIBRARY_BASE } from './model';
import { SearchView } from './SearchView';
import './library.css';

/** The public knowledge library, no login: /bibliotek (search) and /bibliotek/{slug} (an entry). */
export function LibraryPage() {
  const { path } = useRouter();
  const slug = decodeURIComponent(path.slice(LIBRARY_BASE.length).replace(/^\/+|\/+$/g, ''));
  return slug ? <EntryView key={slug} slug={slug} /> : <SearchView />;
}
