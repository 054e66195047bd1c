/**
 * The arXiv category taxonomy used to validate `cats`, to choose ingest sources and to power the
 * category picker: every current category with its archive and group.
 * Source: https://arxiv.org/category_taxonomy (155 categories in 20 archives, 8 groups).
 * Aliases such as `cs.SY`/`eess.SY` or `math.ST`/`stat.TH` are listed under both names, as arXiv
 * does in its listings and RSS `<category>` elements.
 */
export type Category = { id: string; name: string; archive: string; group: string };

type ArchiveSpec = { archive: string; name: string; group: string; categories: [code: string, name: string][] };

const CS = 'Computer Science';
const PHYSICS = 'Physics';

/** Archives with their subject classes; an archive without classes is itself the category. */
const ARCHIVE_SPECS: ArchiveSpec[] = [
  {
    archive: 'cs',
    name: 'Computer Science',
    group: CS,
    categories: [
      ['AI', 'Artificial Intelligence'],
      ['AR', 'Hardware Architecture'],
      ['CC', 'Computational Complexity'],
      ['CE', 'Computational Engineering, Finance, and Science'],
      ['CG', 'Computational Geometry'],
      ['CL', 'Computation and Language'],
      ['CR', 'Cryptography and Security'],
      ['CV', 'Computer Vision and Pattern Recognition'],
      ['CY', 'Computers and Society'],
      ['DB', 'Databases'],
      ['DC', 'Distributed, Parallel, and Cluster Computing'],
      ['DL', 'Digital Libraries'],
      ['DM', 'Discrete Mathematics'],
      ['DS', 'Data Structures and Algorithms'],
      ['ET', 'Emerging Technologies'],
      ['FL', 'Formal Languages and Automata Theory'],
      ['GL', 'General Literature'],
      ['GR', 'Graphics'],
      ['GT', 'Computer Science and Game Theory'],
      ['HC', 'Human-Computer Interaction'],
      ['IR', 'Information Retrieval'],
      ['IT', 'Information Theory'],
      ['LG', 'Machine Learning'],
      ['LO', 'Logic in Computer Science'],
      ['MA', 'Multiagent Systems'],
      ['MM', 'Multimedia'],
      ['MS', 'Mathematical Software'],
      ['NA', 'Numerical Analysis'],
      ['NE', 'Neural and Evolutionary Computing'],
      ['NI', 'Networking and Internet Architecture'],
      ['OH', 'Other Computer Science'],
      ['OS', 'Operating Systems'],
      ['PF', 'Performance'],
      ['PL', 'Programming Languages'],
      ['RO', 'Robotics'],
      ['SC', 'Symbolic Computation'],
      ['SD', 'Sound'],
      ['SE', 'Software Engineering'],
      ['SI', 'Social and Information Networks'],
      ['SY', 'Systems and Control'],
    ],
  },
  {
    archive: 'econ',
    name: 'Economics',
    group: 'Economics',
    categories: [
      ['EM', 'Econometrics'],
      ['GN', 'General Economics'],
      ['TH', 'Theoretical Economics'],
    ],
  },
  {
    archive: 'eess',
    name: 'Electrical Engineering and Systems Science',
    group: 'Electrical Engineering and Systems Science',
    categories: [
      ['AS', 'Audio and Speech Processing'],
      ['IV', 'Image and Video Processing'],
      ['SP', 'Signal Processing'],
      ['SY', 'Systems and Control'],
    ],
  },
  {
    archive: 'math',
    name: 'Mathematics',
    group: 'Mathematics',
    categories: [
      ['AC', 'Commutative Algebra'],
      ['AG', 'Algebraic Geometry'],
      ['AP', 'Analysis of PDEs'],
      ['AT', 'Algebraic Topology'],
      ['CA', 'Classical Analysis and ODEs'],
      ['CO', 'Combinatorics'],
      ['CT', 'Category Theory'],
      ['CV', 'Complex Variables'],
      ['DG', 'Differential Geometry'],
      ['DS', 'Dynamical Systems'],
      ['FA', 'Functional Analysis'],
      ['GM', 'General Mathematics'],
      ['GN', 'General Topology'],
      ['GR', 'Group Theory'],
      ['GT', 'Geometric Topology'],
      ['HO', 'History and Overview'],
      ['IT', 'Information Theory'],
      ['KT', 'K-Theory and Homology'],
      ['LO', 'Logic'],
      ['MG', 'Metric Geometry'],
      ['MP', 'Mathematical Physics'],
      ['NA', 'Numerical Analysis'],
      ['NT', 'Number Theory'],
      ['OA', 'Operator Algebras'],
      ['OC', 'Optimization and Control'],
      ['PR', 'Probability'],
      ['QA', 'Quantum Algebra'],
      ['RA', 'Rings and Algebras'],
      ['RT', 'Representation Theory'],
      ['SG', 'Symplectic Geometry'],
      ['SP', 'Spectral Theory'],
      ['ST', 'Statistics Theory'],
    ],
  },
  {
    archive: 'astro-ph',
    name: 'Astrophysics',
    group: PHYSICS,
    categories: [
      ['CO', 'Cosmology and Nongalactic Astrophysics'],
      ['EP', 'Earth and Planetary Astrophysics'],
      ['GA', 'Astrophysics of Galaxies'],
      ['HE', 'High Energy Astrophysical Phenomena'],
      ['IM', 'Instrumentation and Methods for Astrophysics'],
      ['SR', 'Solar and Stellar Astrophysics'],
    ],
  },
  {
    archive: 'cond-mat',
    name: 'Condensed Matter',
    group: PHYSICS,
    categories: [
      ['dis-nn', 'Disordered Systems and Neural Networks'],
      ['mes-hall', 'Mesoscale and Nanoscale Physics'],
      ['mtrl-sci', 'Materials Science'],
      ['other', 'Other Condensed Matter'],
      ['quant-gas', 'Quantum Gases'],
      ['soft', 'Soft Condensed Matter'],
      ['stat-mech', 'Statistical Mechanics'],
      ['str-el', 'Strongly Correlated Electrons'],
      ['supr-con', 'Superconductivity'],
    ],
  },
  { archive: 'gr-qc', name: 'General Relativity and Quantum Cosmology', group: PHYSICS, categories: [] },
  { archive: 'hep-ex', name: 'High Energy Physics - Experiment', group: PHYSICS, categories: [] },
  { archive: 'hep-lat', name: 'High Energy Physics - Lattice', group: PHYSICS, categories: [] },
  { archive: 'hep-ph', name: 'High Energy Physics - Phenomenology', group: PHYSICS, categories: [] },
  { archive: 'hep-th', name: 'High Energy Physics - Theory', group: PHYSICS, categories: [] },
  { archive: 'math-ph', name: 'Mathematical Physics', group: PHYSICS, categories: [] },
  {
    archive: 'nlin',
    name: 'Nonlinear Sciences',
    group: PHYSICS,
    categories: [
      ['AO', 'Adaptation and Self-Organizing Systems'],
      ['CD', 'Chaotic Dynamics'],
      ['CG', 'Cellular Automata and Lattice Gases'],
      ['PS', 'Pattern Formation and Solitons'],
      ['SI', 'Exactly Solvable and Integrable Systems'],
    ],
  },
  { archive: 'nucl-ex', name: 'Nuclear Experiment', group: PHYSICS, categories: [] },
  { archive: 'nucl-th', name: 'Nuclear Theory', group: PHYSICS, categories: [] },
  {
    archive: 'physics',
    name: 'Physics',
    group: PHYSICS,
    categories: [
      ['acc-ph', 'Accelerator Physics'],
      ['ao-ph', 'Atmospheric and Oceanic Physics'],
      ['app-ph', 'Applied Physics'],
      ['atm-clus', 'Atomic and Molecular Clusters'],
      ['atom-ph', 'Atomic Physics'],
      ['bio-ph', 'Biological Physics'],
      ['chem-ph', 'Chemical Physics'],
      ['class-ph', 'Classical Physics'],
      ['comp-ph', 'Computational Physics'],
      ['data-an', 'Data Analysis, Statistics and Probability'],
      ['ed-ph', 'Physics Education'],
      ['flu-dyn', 'Fluid Dynamics'],
      ['gen-ph', 'General Physics'],
      ['geo-ph', 'Geophysics'],
      ['hist-ph', 'History and Philosophy of Physics'],
      ['ins-det', 'Instrumentation and Detectors'],
      ['med-ph', 'Medical Physics'],
      ['optics', 'Optics'],
      ['plasm-ph', 'Plasma Physics'],
      ['pop-ph', 'Popular Physics'],
      ['soc-ph', 'Physics and Society'],
      ['space-ph', 'Space Physics'],
    ],
  },
  { archive: 'quant-ph', name: 'Quantum Physics', group: PHYSICS, categories: [] },
  {
    archive: 'q-bio',
    name: 'Quantitative Biology',
    group: 'Quantitative Biology',
    categories: [
      ['BM', 'Biomolecules'],
      ['CB', 'Cell Behavior'],
      ['GN', 'Genomics'],
      ['MN', 'Molecular Networks'],
      ['NC', 'Neurons and Cognition'],
      ['OT', 'Other Quantitative Biology'],
      ['PE', 'Populations and Evolution'],
      ['QM', 'Quantitative Methods'],
      ['SC', 'Subcellular Processes'],
      ['TO', 'Tissues and Organs'],
    ],
  },
  {
    archive: 'q-fin',
    name: 'Quantitative Finance',
    group: 'Quantitative Finance',
    categories: [
      ['CP', 'Computational Finance'],
      ['EC', 'Economics'],
      ['GN', 'General Finance'],
      ['MF', 'Mathematical Finance'],
      ['PM', 'Portfolio Management'],
      ['PR', 'Pricing of Securities'],
      ['RM', 'Risk Management'],
      ['ST', 'Statistical Finance'],
      ['TR', 'Trading and Market Microstructure'],
    ],
  },
  {
    archive: 'stat',
    name: 'Statistics',
    group: 'Statistics',
    categories: [
      ['AP', 'Applications'],
      ['CO', 'Computation'],
      ['ME', 'Methodology'],
      ['ML', 'Machine Learning'],
      ['OT', 'Other Statistics'],
      ['TH', 'Statistics Theory'],
    ],
  },
];

export const CATEGORIES: Category[] = ARCHIVE_SPECS.flatMap(({ archive, name, group, categories }) =>
  categories.length
    ? categories.map(([code, catName]) => ({ id: `${archive}.${code}`, name: catName, archive, group }))
    : [{ id: archive, name, archive, group }],
);

const BY_ID = new Map(CATEGORIES.map((c) => [c.id, c]));
/** Archive ids in taxonomy order (`cs`, `econ`, …, `quant-ph`, `q-bio`, `q-fin`, `stat`). */
export const ARCHIVES = ARCHIVE_SPECS.map((a) => a.archive);
const ARCHIVE_NAMES = new Map(ARCHIVE_SPECS.map((a) => [a.archive, a.name]));

export const isKnownCategory = (id: string) => BY_ID.has(id);
export const isArchive = (id: string) => ARCHIVE_NAMES.has(id);
/** A category (`cs.LG`, `quant-ph`) or a whole archive (`cs`, `math`). */
export const isValidCategoryOrArchive = (id: string) => isKnownCategory(id) || isArchive(id);
/** Human name of a category or archive (`cs.LG` → "Machine Learning", `math` → "Mathematics"). */
export const categoryName = (id: string) => BY_ID.get(id)?.name ?? ARCHIVE_NAMES.get(id);
