import { useRouter } from '../../router';
import { EditorialList } from './EditorialList';
import { EntryEditor } from './EntryEditor';
import { EDITORIAL_BASE } from './model';
import { NewEntry } from './NewEntry';
import './editorial.css';

/** /redaktion (the list), /redaktion/ny (a new entry) and /redaktion/{id} (one entry). */
export function EditorialPage() {
  const { path } = useRouter();
  const rest = decodeURIComponent(path.slice(EDITORIAL_BASE.length).replace(/^\/+|\/+$/g, ''));
  if (rest === '') return <EditorialList />;
  if (rest === 'ny') return <NewEntry />;
  return <EntryEditor key={rest} id={rest} />;
}
