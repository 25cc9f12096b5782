// Word lists the identity generator draws from; a few non-ASCII names make sure encodings are exercised.

/** Given names, with their ASCII form for account names where it differs. */
export const GIVEN_NAMES: readonly (readonly [string, string?])[] = [
  ['Anna'], ['Ben'], ['Clara'], ['David'], ['Emma'], ['Felix'], ['Grace'], ['Hugo'], ['Ida'], ['Jonas'],
  ['Karin'], ['Liam'], ['Maria'], ['Noah'], ['Olivia'], ['Paul'], ['Quinn'], ['Rosa'], ['Samuel'], ['Tara'],
  ['Ulrich'], ['Vera'], ['William'], ['Xenia'], ['Yusuf'], ['Zoe'], ['Amelia'], ['Oscar'], ['Mia'], ['Leo'],
  ['José', 'jose'], ['Zoë', 'zoe'], ['Łukasz', 'lukasz'], ['Søren', 'soren'], ['Chloé', 'chloe'], ['Ömer', 'omer'],
  ['Åsa', 'asa'], ['Nuño', 'nuno'], ['Renée', 'renee'], ['Björn', 'bjorn'], ['伟', 'wei'], ['芳', 'fang'],
  ['Priya'], ['Kenji'], ['Aisha'], ['Mateo'], ['Fatima'], ['Ivan'], ['Sofia'], ['Lars'],
];

/** Surnames, with their ASCII form where it differs. */
export const SURNAMES: readonly (readonly [string, string?])[] = [
  ['Smith'], ['Johnson'], ['Brown'], ['Taylor'], ['Miller'], ['Wilson'], ['Moore'], ['Clark'], ['Walker'], ['Young'],
  ['Schmidt'], ['Fischer'], ['Weber'], ['Wagner'], ['Becker'], ['Hoffmann'], ['Martin'], ['Bernard'], ['Dubois'], ['Laurent'],
  ['Rossi'], ['Russo'], ['Ferrari'], ['Garcia'], ['Lopez'], ['Martinez'], ['Silva'], ['Santos'], ['Nowak'], ['Kowalski'],
  ['Müller', 'mueller'], ['Žukauskas', 'zukauskas'], ['Ødegaard', 'odegaard'], ['Çelik', 'celik'], ['Núñez', 'nunez'],
  ['Gonçalves', 'goncalves'], ['Sørensen', 'sorensen'], ['Lindqvist'], ["O'Brien", 'obrien'], ['Van der Berg', 'vanderberg'],
  ['王', 'wang'], ['李', 'li'], ['Tanaka'], ['Nguyen'], ['Kim'], ['Patel'], ['Ivanova'], ['Jensen'], ['Novak'], ['Haddad'],
];

export const DEPARTMENTS: readonly string[] = [
  'Engineering', 'Sales', 'Marketing', 'Finance', 'Human Resources', 'Legal', 'Operations', 'Support', 'Research', 'IT',
  'Procurement', 'Facilities',
];

/** Departments grouped into divisions (nested groups: division → department groups). */
export const DIVISIONS: readonly { readonly name: string; readonly departments: readonly number[] }[] = [
  { name: 'Product', departments: [0, 8, 9] },
  { name: 'Revenue', departments: [1, 2, 7] },
  { name: 'Corporate', departments: [3, 4, 5, 6, 10, 11] },
];

export const TITLES: readonly string[] = [
  'Engineer', 'Senior Engineer', 'Analyst', 'Specialist', 'Consultant', 'Coordinator', 'Associate', 'Administrator',
  'Designer', 'Accountant', 'Representative', 'Technician',
];

export const MANAGER_TITLES: readonly string[] = ['Team Lead', 'Manager', 'Senior Manager', 'Director'];

export const CITIES: readonly string[] = ['Seattle', 'London', 'München', 'Paris', 'São Paulo', 'Tokyo', 'Sydney', 'Toronto', 'Zürich', 'Kraków'];

export const COMPANIES: readonly string[] = ['Contoso Ltd', 'Fabrikam Inc', 'Northwind Traders'];

export const PROJECT_WORDS: readonly string[] = ['Apollo', 'Borealis', 'Cascade', 'Delta', 'Ember', 'Falcon', 'Granite', 'Harbor', 'Ion', 'Juniper'];
