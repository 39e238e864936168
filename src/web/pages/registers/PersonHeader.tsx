import { useI18n } from '../../i18n/I18n';
import { Services } from '../persons/PersonCard';
import type { PersonDetail } from '../../../contracts/persons';

/** Who the timeline is about, as the person endpoint returns them, and the units serving them. */
export function PersonHeader({ person }: { person: PersonDetail }) {
  const { t } = useI18n();
  return (
    <section className="reg-person" aria-labelledby="reg-person-heading">
      <h2 id="reg-person-heading" className="visually-hidden">
        {t('registers.person.heading')}
      </h2>
      <dl className="person-facts">
        <dt>{t('registers.person.name')}</dt>
        <dd>{person.name}</dd>
        <dt>{t('persons.detail.personnummer')}</dt>
        <dd>{person.personnummer}</dd>
        <dt>{t('persons.detail.pseudonym')}</dt>
        <dd className="pseudonym-full">{person.pseudonym}</dd>
        {person.access === 'break_glass' && (
          <>
            <dt>{t('persons.detail.access')}</dt>
            <dd>
              <span className="flag flag-break_glass">{t('persons.detail.accessBreakGlass')}</span>
            </dd>
          </>
        )}
        <dt>{t('persons.detail.units')}</dt>
        <dd>
          <Services services={person.services} />
        </dd>
      </dl>
    </section>
  );
}
