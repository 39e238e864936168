/** Live and released values for professionals (/analys): Swedish first, English second. */
export const analyticsSv = {
  'an.title': 'Levande och publicerade värden',
  'an.intro':
    'Här ser du indikatorerna för ditt område som de är just nu – levande värden som uppdateras inom en sekund efter en registrering – bredvid det allmänheten ser: värdena i den senaste publicerade releasen. Levande värden visas bara för dig som har rätt till dem.',
  'an.release': 'Allmänheten ser release {version} från {date}.',
  'an.noRelease': 'Ingen release är publicerad ännu: allmänheten ser inga värden.',
  'an.indicator': 'Indikator',
  'an.period': 'År',
  'an.show': 'Visa',
  'an.caption': '{indicator}, {period}: levande värden och publicerade värden, kvinnor och män tillsammans',
  'an.col.area': 'Område',
  'an.col.live': 'Levande (internt)',
  'an.col.released': 'Publicerat i releasen',
  'an.released.suppressed': '.. (dolt av röjandekontroll)',
  'an.released.absent': '– (finns inte i releasen)',
  'an.released.none': '– (perioden ingår inte i någon release)',
  'an.none': 'Det finns inga värden i ditt område för den här indikatorn och perioden.',
  'an.level.nation': 'Riket',
  'an.level.region': 'region',
  'an.level.municipality': 'kommun',
  'an.level.unit': 'enhet',
  'an.note':
    'Publicerade värden har brus (±2) och röjandekontroll; levande värden är exakta. Skillnaden mellan dem får inte lämna organisationen.',
};

export const analyticsEn: Record<keyof typeof analyticsSv, string> = {
  'an.title': 'Live and released values',
  'an.intro':
    'Here you see the indicators of your area as they are now – live values, updated within a second of a registration – beside what the public sees: the values of the latest release. Live values are shown only to those entitled to them.',
  'an.release': 'The public sees release {version} of {date}.',
  'an.noRelease': 'No release has been published yet: the public sees no values.',
  'an.indicator': 'Indicator',
  'an.period': 'Year',
  'an.show': 'Show',
  'an.caption': '{indicator}, {period}: live and released values, women and men together',
  'an.col.area': 'Area',
  'an.col.live': 'Live (internal)',
  'an.col.released': 'In the release',
  'an.released.suppressed': '.. (hidden by disclosure control)',
  'an.released.absent': '– (not in the release)',
  'an.released.none': '– (the period is in no release)',
  'an.none': 'There are no values in your area for this indicator and period.',
  'an.level.nation': 'Nation',
  'an.level.region': 'region',
  'an.level.municipality': 'municipality',
  'an.level.unit': 'unit',
  'an.note':
    'Released values carry noise (±2) and disclosure control; live values are exact. The difference between them must not leave the organisation.',
};
