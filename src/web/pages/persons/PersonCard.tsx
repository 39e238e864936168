import { useI18n } from '../../i18n/I18n';
import { Link } from '../../router';
import { UnitName } from '../../session/scope';
import type { PersonDetail, ServicePeriod } from '../../../contracts/persons';

/** One person as lookup or read returns them: who, which units, and how the caller may see them. */
export function PersonCard({ person }: { person: PersonDetail }) {
  const { t } = useI18n();
  const sex = t(`persons.sex.${person.sex}`);
  return (
    <article className="person-card" aria-labelledby="person-card-name">
      <h2 id="person-card-name">{person.name}</h2>
      <dl className="person-facts">
        <dt>{t('persons.detail.personnummer')}</dt>
        <dd>{person.personnummer}</dd>
        <dt>{t('persons.detail.birthDate')}</dt>
        <dd>{person.birthDate}</dd>
        <dt>{t('persons.detail.sex')}</dt>
        <dd>
          {person.sexOverride
            ? t('persons.detail.sexOverride', { sex, reason: person.sexOverride.reason })
            : sex}
        </dd>
        <dt>{t('persons.detail.pseudonym')}</dt>
        <dd className="pseudonym-full">{person.pseudonym}</dd>
        <dt>{t('persons.detail.access')}</dt>
        <dd>
          {person.access === 'scope' ? (
            t('persons.detail.accessScope')
          ) : (
            <span className="flag flag-break_glass">{t('persons.detail.accessBreakGlass')}</span>
          )}
        </dd>
        <dt>{t('persons.detail.units')}</dt>
        <dd>
          <Services services={person.services} />
        </dd>
      </dl>
      <p>
        <Link href={`/personer/${person.pseudonym}`}>{t('registers.openTimelineLong')}</Link>
      </p>
    </article>
  );
}

export function Services({ services }: { services: ServicePeriod[] }) {
  const { t } = useI18n();
  if (services.length === 0) return <>{t('persons.detail.noUnits')}</>;
  return (
    <ul className="person-services">
      {services.map((s) => (
        <li key={`${s.unitId}:${s.validFrom}`}>
          <UnitName unitId={s.unitId} />{' '}
          <span className="muted">
            {s.validTo
              ? t('persons.detail.periodTo', { from: s.validFrom, to: s.validTo })
              : t('persons.detail.period', { from: s.validFrom })}
          </span>
        </li>
      ))}
    </ul>
  );
}
