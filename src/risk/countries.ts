// Country names to ISO 3166-1 alpha-2 codes, for lists that spell countries out. Profiles use codes.

const NAMES: Record<string, string> = {
  afghanistan: 'AF', albania: 'AL', algeria: 'DZ', argentina: 'AR', armenia: 'AM', australia: 'AU', austria: 'AT',
  azerbaijan: 'AZ', bahrain: 'BH', bangladesh: 'BD', belarus: 'BY', belgium: 'BE', bolivia: 'BO', 'bosnia and herzegovina': 'BA',
  brazil: 'BR', bulgaria: 'BG', burma: 'MM', myanmar: 'MM', cambodia: 'KH', canada: 'CA', chile: 'CL', china: 'CN',
  "people's republic of china": 'CN', prc: 'CN', colombia: 'CO', croatia: 'HR', cuba: 'CU', cyprus: 'CY', 'czech republic': 'CZ',
  czechia: 'CZ', denmark: 'DK', egypt: 'EG', estonia: 'EE', ethiopia: 'ET', finland: 'FI', france: 'FR', georgia: 'GE',
  germany: 'DE', greece: 'GR', 'hong kong': 'HK', hungary: 'HU', iceland: 'IS', india: 'IN', indonesia: 'ID', iran: 'IR',
  'iran, islamic republic of': 'IR', iraq: 'IQ', ireland: 'IE', israel: 'IL', italy: 'IT', japan: 'JP', jordan: 'JO',
  kazakhstan: 'KZ', kenya: 'KE', 'north korea': 'KP', 'korea, north': 'KP', "korea, democratic people's republic of": 'KP', dprk: 'KP',
  'south korea': 'KR', 'korea, south': 'KR', 'korea, republic of': 'KR', korea: 'KR', kuwait: 'KW', kyrgyzstan: 'KG', laos: 'LA', latvia: 'LV',
  lebanon: 'LB', libya: 'LY', lithuania: 'LT', luxembourg: 'LU', macau: 'MO', macao: 'MO', malaysia: 'MY', mali: 'ML', malta: 'MT',
  mexico: 'MX', moldova: 'MD', mongolia: 'MN', morocco: 'MA', netherlands: 'NL', 'new zealand': 'NZ', nicaragua: 'NI',
  nigeria: 'NG', norway: 'NO', oman: 'OM', pakistan: 'PK', panama: 'PA', peru: 'PE', philippines: 'PH', poland: 'PL',
  portugal: 'PT', qatar: 'QA', romania: 'RO', russia: 'RU', 'russian federation': 'RU', 'saudi arabia': 'SA', serbia: 'RS',
  singapore: 'SG', slovakia: 'SK', slovenia: 'SI', somalia: 'SO', 'south africa': 'ZA', 'south sudan': 'SS', spain: 'ES',
  'sri lanka': 'LK', sudan: 'SD', sweden: 'SE', switzerland: 'CH', syria: 'SY', taiwan: 'TW', tajikistan: 'TJ', thailand: 'TH',
  turkey: 'TR', turkiye: 'TR', turkmenistan: 'TM', uganda: 'UG', ukraine: 'UA', 'united arab emirates': 'AE', uae: 'AE',
  'united kingdom': 'GB', uk: 'GB', 'great britain': 'GB', 'united states': 'US', 'united states of america': 'US', usa: 'US',
  uruguay: 'UY', uzbekistan: 'UZ', venezuela: 'VE', vietnam: 'VN', 'viet nam': 'VN', yemen: 'YE', zimbabwe: 'ZW',
};

/** An ISO alpha-2 code for a code or a country name; undefined when unknown. */
export function countryCode(s: string): string | undefined {
  const t = s.trim();
  if (/^[A-Za-z]{2}$/.test(t)) return t.toUpperCase();
  return NAMES[t.toLowerCase().replace(/\s+/g, ' ').replace(/\.$/, '')];
}
