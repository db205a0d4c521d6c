// Brazilian reference data the generator draws from: cities (weighted by population, with their IANA zone),
// clinic specialties (weighted, with a typical price in BRL cents and a typical visit length) and names.

export interface City {
  city: string;
  state: string;
  timezone: string;
  /** Relative weight: roughly the population in millions. */
  weight: number;
}

export const cities: readonly City[] = [
  { city: 'São Paulo', state: 'SP', timezone: 'America/Sao_Paulo', weight: 11.9 },
  { city: 'Rio de Janeiro', state: 'RJ', timezone: 'America/Sao_Paulo', weight: 6.2 },
  { city: 'Brasília', state: 'DF', timezone: 'America/Sao_Paulo', weight: 2.8 },
  { city: 'Salvador', state: 'BA', timezone: 'America/Bahia', weight: 2.4 },
  { city: 'Fortaleza', state: 'CE', timezone: 'America/Fortaleza', weight: 2.4 },
  { city: 'Belo Horizonte', state: 'MG', timezone: 'America/Sao_Paulo', weight: 2.3 },
  { city: 'Manaus', state: 'AM', timezone: 'America/Manaus', weight: 2.1 },
  { city: 'Curitiba', state: 'PR', timezone: 'America/Sao_Paulo', weight: 1.8 },
  { city: 'Recife', state: 'PE', timezone: 'America/Recife', weight: 1.5 },
  { city: 'Goiânia', state: 'GO', timezone: 'America/Sao_Paulo', weight: 1.4 },
  { city: 'Porto Alegre', state: 'RS', timezone: 'America/Sao_Paulo', weight: 1.3 },
  { city: 'Belém', state: 'PA', timezone: 'America/Belem', weight: 1.3 },
  { city: 'Guarulhos', state: 'SP', timezone: 'America/Sao_Paulo', weight: 1.3 },
  { city: 'Campinas', state: 'SP', timezone: 'America/Sao_Paulo', weight: 1.1 },
  { city: 'São Luís', state: 'MA', timezone: 'America/Fortaleza', weight: 1.0 },
  { city: 'Maceió', state: 'AL', timezone: 'America/Maceio', weight: 0.96 },
  { city: 'Campo Grande', state: 'MS', timezone: 'America/Campo_Grande', weight: 0.9 },
  { city: 'Teresina', state: 'PI', timezone: 'America/Fortaleza', weight: 0.87 },
  { city: 'João Pessoa', state: 'PB', timezone: 'America/Fortaleza', weight: 0.83 },
  { city: 'Natal', state: 'RN', timezone: 'America/Fortaleza', weight: 0.75 },
  { city: 'Ribeirão Preto', state: 'SP', timezone: 'America/Sao_Paulo', weight: 0.7 },
  { city: 'Uberlândia', state: 'MG', timezone: 'America/Sao_Paulo', weight: 0.7 },
  { city: 'Cuiabá', state: 'MT', timezone: 'America/Cuiaba', weight: 0.65 },
  { city: 'Florianópolis', state: 'SC', timezone: 'America/Sao_Paulo', weight: 0.54 },
  { city: 'Vitória', state: 'ES', timezone: 'America/Sao_Paulo', weight: 0.32 },
];

export interface Specialty {
  name: string;
  /** Share of clinics with this main specialty. */
  weight: number;
  /** Typical price of one appointment, BRL cents. */
  priceCents: number;
  durationMinutes: number;
}

/** The multi-specialty clinic: about a third of its appointments are in another specialty. */
export const GENERAL_PRACTICE = 'Clínica geral';

export const specialties: readonly Specialty[] = [
  { name: GENERAL_PRACTICE, weight: 0.2, priceCents: 18_000, durationMinutes: 30 },
  { name: 'Odontologia', weight: 0.22, priceCents: 22_000, durationMinutes: 45 },
  { name: 'Psicologia', weight: 0.12, priceCents: 20_000, durationMinutes: 50 },
  { name: 'Fisioterapia', weight: 0.08, priceCents: 15_000, durationMinutes: 45 },
  { name: 'Pediatria', weight: 0.07, priceCents: 25_000, durationMinutes: 30 },
  { name: 'Dermatologia', weight: 0.06, priceCents: 35_000, durationMinutes: 30 },
  { name: 'Ginecologia', weight: 0.06, priceCents: 30_000, durationMinutes: 30 },
  { name: 'Nutrição', weight: 0.05, priceCents: 20_000, durationMinutes: 45 },
  { name: 'Oftalmologia', weight: 0.04, priceCents: 30_000, durationMinutes: 30 },
  { name: 'Cardiologia', weight: 0.04, priceCents: 40_000, durationMinutes: 30 },
  { name: 'Ortopedia', weight: 0.03, priceCents: 35_000, durationMinutes: 30 },
  { name: 'Psiquiatria', weight: 0.03, priceCents: 45_000, durationMinutes: 45 },
];

export const clinicNamePrefixes = [
  'Clínica',
  'Centro Médico',
  'Consultório',
  'Instituto',
  'Espaço',
  'Policlínica',
];
export const clinicNameWords = [
  'Vida',
  'Saúde',
  'São Lucas',
  'Bem-Estar',
  'Santa Clara',
  'Esperança',
  'Harmonia',
  'Sorriso',
  'Renascer',
  'Viver Bem',
  'Santa Luzia',
  'Nova Era',
  'Bom Jesus',
  'Primavera',
  'Horizonte',
  'Aliança',
];

export const femaleFirstNames = [
  'Maria',
  'Ana',
  'Francisca',
  'Antônia',
  'Adriana',
  'Juliana',
  'Márcia',
  'Fernanda',
  'Patrícia',
  'Aline',
  'Camila',
  'Beatriz',
  'Larissa',
  'Gabriela',
  'Letícia',
  'Júlia',
  'Mariana',
  'Sandra',
  'Luana',
  'Bruna',
];
export const maleFirstNames = [
  'José',
  'João',
  'Antônio',
  'Francisco',
  'Carlos',
  'Paulo',
  'Pedro',
  'Lucas',
  'Luiz',
  'Marcos',
  'Luís',
  'Gabriel',
  'Rafael',
  'Daniel',
  'Marcelo',
  'Bruno',
  'Eduardo',
  'Felipe',
  'Rodrigo',
  'Mateus',
];
export const lastNames = [
  'Silva',
  'Santos',
  'Oliveira',
  'Souza',
  'Rodrigues',
  'Ferreira',
  'Alves',
  'Pereira',
  'Lima',
  'Gomes',
  'Costa',
  'Ribeiro',
  'Martins',
  'Carvalho',
  'Almeida',
  'Lopes',
  'Soares',
  'Fernandes',
  'Vieira',
  'Barbosa',
  'Rocha',
  'Dias',
  'Nascimento',
  'Andrade',
  'Moreira',
  'Nunes',
  'Marques',
  'Machado',
  'Mendes',
  'Freitas',
];
export const neighbourhoods = [
  'Centro',
  'Jardim América',
  'Vila Nova',
  'Boa Vista',
  'Santa Cruz',
  'São José',
  'Bela Vista',
  'Liberdade',
  'Jardim das Flores',
  'Vila Mariana',
  'Copacabana',
  'Boa Viagem',
  'Aldeota',
  'Savassi',
  'Batel',
  'Moinhos de Vento',
  'Pituba',
  'Asa Sul',
  'Jardim Camburi',
  'Ponta Verde',
  'Tijuca',
  'Meireles',
  'Cidade Nova',
  'Parque São Jorge',
];

/** National holidays (and Carnival) in the generated window: activity drops to a fifth on these days. */
export const holidays = [
  '2025-01-01',
  '2025-03-03',
  '2025-03-04',
  '2025-04-18',
  '2025-04-21',
  '2025-05-01',
  '2025-06-19',
  '2025-09-07',
  '2025-10-12',
  '2025-11-02',
  '2025-11-15',
  '2025-11-20',
  '2025-12-25',
  '2026-01-01',
  '2026-02-16',
  '2026-02-17',
  '2026-04-03',
  '2026-04-21',
  '2026-05-01',
  '2026-06-04',
  '2026-09-07',
  '2026-10-12',
  '2026-11-02',
  '2026-11-15',
  '2026-11-20',
  '2026-12-25',
  '2027-01-01',
];
