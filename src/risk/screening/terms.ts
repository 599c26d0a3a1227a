// Word lists for name matching: legal forms (tagged, weighing nothing), and a small cross-language
// dictionary of the generic words company names are built from (center / centre / tsentr / zentrum...).
// Every entry is written after folding: lower case, Latin letters (Cyrillic, Greek and Arabic script
// arrive transliterated by any-ascii), no punctuation.

/** Legal forms as token sequences with their canonical label. */
export const LEGAL_FORMS: Array<[string, string]> = [
  // English-speaking and international
  ['company limited', 'ltd'], ['co ltd', 'ltd'], ['co limited', 'ltd'], ['limited', 'ltd'], ['ltd', 'ltd'],
  ['private limited', 'ltd'], ['pvt ltd', 'ltd'], ['pte ltd', 'ltd'], ['pty ltd', 'ltd'], ['pvt', 'ltd'], ['pte', 'ltd'], ['pty', 'ltd'],
  ['public limited company', 'plc'], ['plc', 'plc'],
  ['limited liability company', 'llc'], ['llc', 'llc'], ['l l c', 'llc'], ['pllc', 'llc'], ['lc', 'llc'], ['ltd liability co', 'llc'],
  ['limited liability partnership', 'llp'], ['llp', 'llp'], ['limited partnership', 'lp'], ['lp', 'lp'], ['lllp', 'lp'],
  ['incorporated', 'inc'], ['inc', 'inc'], ['corporation', 'corp'], ['corp', 'corp'], ['company', 'co'], ['co', 'co'],
  // German, Austrian, Swiss
  ['gmbh co kg', 'gmbh-co-kg'], ['gmbh and co kg', 'gmbh-co-kg'], ['ag co kg', 'ag-co-kg'], ['gmbh', 'gmbh'], ['ggmbh', 'gmbh'],
  ['gesellschaft mit beschrankter haftung', 'gmbh'], ['aktiengesellschaft', 'ag'], ['kommanditgesellschaft', 'kg'],
  ['offene handelsgesellschaft', 'ohg'], ['eingetragene genossenschaft', 'eg'],
  ['mbh', 'gmbh'], ['ag', 'ag'], ['a g', 'ag'], ['kg', 'kg'], ['kgaa', 'kg'], ['ohg', 'ohg'], ['ug', 'ug'], ['se', 'se'],
  // Dutch, Belgian, Nordic
  ['besloten vennootschap', 'bv'], ['naamloze vennootschap', 'nv'], ['commanditaire vennootschap', 'cv'],
  ['bv', 'bv'], ['b v', 'bv'], ['nv', 'nv'], ['n v', 'nv'], ['bvba', 'bv'], ['vof', 'vof'],
  ['aktiebolag', 'ab'], ['aktieselskab', 'as'], ['aksjeselskap', 'as'], ['osakeyhtio', 'oy'],
  ['ab', 'ab'], ['publ', 'ab'], ['as', 'as'], ['a s', 'as'], ['asa', 'asa'], ['aps', 'aps'], ['oy', 'oy'], ['oyj', 'oyj'], ['hf', 'hf'], ['ehf', 'hf'],
  // French
  ['societe anonyme', 'sa'], ['societe a responsabilite limitee', 'sarl'], ['societe par actions simplifiee', 'sas'],
  ['societe en nom collectif', 'snc'], ['societe civile', 'sc'],
  ['sarl', 'sarl'], ['s a r l', 'sarl'], ['sasu', 'sas'], ['eurl', 'sarl'], ['sca', 'sca'], ['sas', 'sas'], ['s a s', 'sas'],
  // Spanish, Portuguese, Latin America
  ['sociedad anonima', 'sa'], ['sociedad limitada', 'sl'], ['sociedad de responsabilidad limitada', 'srl'],
  ['sa de cv', 'sa'], ['s a de c v', 'sa'], ['s de rl de cv', 'srl'], ['s de rl', 'srl'], ['sapi de cv', 'sa'],
  ['sa', 'sa'], ['s a', 'sa'], ['sl', 'sl'], ['s l', 'sl'], ['slu', 'sl'], ['slne', 'sl'],
  ['compania anonima', 'ca'], ['c a', 'ca'], ['ca', 'ca'],
  ['ltda', 'ltda'], ['limitada', 'ltda'], ['eireli', 'ltda'], ['lda', 'ltda'],
  // Italian
  ['societa per azioni', 'spa'], ['societa a responsabilita limitata', 'srl'], ['societa in accomandita semplice', 'sas'],
  ['spa', 'spa'], ['s p a', 'spa'], ['srl', 'srl'], ['s r l', 'srl'], ['srls', 'srl'], ['snc', 'snc'], ['sapa', 'sapa'],
  // Turkish
  ['anonim sirketi', 'as'], ['anonim sirket', 'as'], ['limited sirketi', 'ltd'], ['ltd sti', 'ltd'], ['sti', 'ltd'],
  // Central and Eastern Europe
  ['sp z o o', 'sp-zoo'], ['sp zoo', 'sp-zoo'], ['spolka z oo', 'sp-zoo'], ['spolka z ograniczona odpowiedzialnoscia', 'sp-zoo'],
  ['spolka akcyjna', 'sa'], ['sro', 'sro'], ['s r o', 'sro'], ['spol s r o', 'sro'],
  ['doo', 'doo'], ['d o o', 'doo'], ['kft', 'kft'], ['zrt', 'zrt'], ['nyrt', 'nyrt'], ['ad', 'ad'], ['eood', 'ood'], ['ood', 'ood'],
  // Russia, Ukraine, Belarus, Kazakhstan (Cyrillic arrives transliterated)
  ['obshchestvo s ogranichennoy otvetstvennostyu', 'llc'], ['obshchestvo s ogranichennoi otvetstvennostiu', 'llc'],
  ['obshestvo s ogranichennoy otvetstvennostyu', 'llc'], ['tovarystvo z obmezhenoyu vidpovidalnistyu', 'llc'],
  ['aktsionernoe obshchestvo', 'jsc'], ['aktsionernoye obshchestvo', 'jsc'], ['publichnoe aktsionernoe obshchestvo', 'jsc'],
  ['zakrytoe aktsionernoe obshchestvo', 'jsc'], ['otkrytoe aktsionernoe obshchestvo', 'jsc'], ['nepublichnoe aktsionernoe obshchestvo', 'jsc'],
  ['federalnoe gosudarstvennoe unitarnoe predpriyatie', 'fgup'], ['gosudarstvennoe unitarnoe predpriyatie', 'fgup'],
  ['ooo', 'llc'], ['too', 'llc'], ['tov', 'llc'], ['oao', 'jsc'], ['zao', 'jsc'], ['pao', 'jsc'], ['nao', 'jsc'], ['ao', 'jsc'], ['pat', 'jsc'], ['prat', 'jsc'],
  ['joint stock company', 'jsc'], ['public joint stock company', 'jsc'], ['closed joint stock company', 'jsc'], ['open joint stock company', 'jsc'],
  ['closed type joint stock company', 'jsc'], ['open type joint stock company', 'jsc'], ['joint-stock company', 'jsc'], ['stock company', 'jsc'],
  ['jsc', 'jsc'], ['ojsc', 'jsc'], ['cjsc', 'jsc'], ['pjsc', 'jsc'], ['jsco', 'jsc'], ['fgup', 'fgup'], ['gup', 'fgup'], ['fsue', 'fgup'],
  ['federal state unitary enterprise', 'fgup'], ['state unitary enterprise', 'fgup'],
  // Middle East: Arabic and Persian transliterations (and the consonant skeletons any-ascii gives for the script)
  ['sherkat sahami khas', 'jsc'], ['sherkate sahami khas', 'jsc'], ['sherkat sahami am', 'jsc'], ['sahami khas', 'jsc'], ['sahami aam', 'jsc'], ['sahami am', 'jsc'],
  ['sherkat', 'co'], ['sherkate', 'co'], ['shirkat', 'co'], ['sharikat', 'co'], ['sharikah', 'co'], ['sharika', 'co'], ['shrkt', 'co'], ['shrkh', 'co'],
  ['shmy khs', 'jsc'], ['shmy am', 'jsc'], ['mas uliyya mahduda', 'llc'], ['dhat masuliya mahduda', 'llc'], ['dhat al masuliya al mahduda', 'llc'],
  ['free zone establishment', 'fze'], ['free zone company', 'fze'], ['free zone llc', 'llc'],
  ['fze', 'fze'], ['fzco', 'fze'], ['fzc', 'fze'], ['fz llc', 'llc'], ['fz', 'fze'], ['wll', 'wll'], ['w l l', 'wll'], ['spc', 'spc'], ['psc', 'psc'], ['qsc', 'psc'], ['bsc', 'psc'],
  ['saog', 'psc'], ['sak', 'psc'], ['sal', 'sal'], ['pjs', 'jsc'],
  // Arabic script abbreviations as any-ascii spells them once the dots go: ش.ذ.م.م / ذ.م.م (LLC), م.م.ح (free zone establishment)
  ['shdhmm', 'llc'], ['dhmm', 'llc'], ['mmh', 'fze'],
  // Azerbaijani and Uzbek limited liability companies (MMC, MChJ), Kyrgyz (OsOO)
  ['mmc', 'llc'], ['mchj', 'llc'], ['osoo', 'llc'],
  // Asia
  ['kabushiki kaisha', 'kk'], ['kabushiki gaisha', 'kk'], ['kk', 'kk'], ['k k', 'kk'], ['yugen kaisha', 'yk'], ['godo kaisha', 'gk'], ['gk', 'gk'],
  ['youxian gongsi', 'ltd'], ['gufen youxian gongsi', 'jsc'], ['youxian zeren gongsi', 'llc'],
  ['sdn bhd', 'sdn-bhd'], ['bhd', 'bhd'], ['berhad', 'bhd'], ['pt', 'pt'], ['tbk', 'tbk'], ['pt tbk', 'pt'], ['cv', 'cv'],
  ['co kg', 'kg'], ['and co', 'co'], ['co inc', 'inc'],
];

/** CJK company-form suffixes (simplified and traditional Chinese, Japanese, Korean), longest first. */
export const CJK_FORMS: Array<[string, string]> = [
  ['股份有限公司', 'jsc'], ['有限责任公司', 'llc'], ['有限責任公司', 'llc'], ['集团有限公司', 'ltd'], ['集團有限公司', 'ltd'],
  ['有限公司', 'ltd'], ['有限会社', 'yk'], ['合同会社', 'gk'], ['株式会社', 'kk'], ['주식회사', 'jsc'], ['유한회사', 'llc'], ['회사', 'co'],
  ['集团公司', 'co'], ['集團公司', 'co'], ['总公司', 'co'], ['總公司', 'co'], ['分公司', 'co'], ['公司', 'co'], ['（株）', 'kk'], ['(株)', 'kk'],
];

/** Forms that may open a name ("ООО Ромашка", "PT Maju", "AB Volvo"); short ones are only recognised at either end. */
export const LEADING_FORMS = new Set(['ooo', 'oao', 'zao', 'pao', 'nao', 'ao', 'tov', 'too', 'pat', 'prat', 'pt', 'ab', 'as', 'jsc', 'ojsc', 'cjsc', 'pjsc', 'fgup', 'gup', 'kk', 'sc', 'sherkat', 'sherkate', 'shirkat', 'sharikat', 'shrkt', 'shrkh']);

export const STOP_WORDS: ReadonlySet<string> = new Set([
  'the', 'of', 'and', 'for', 'a', 'an', 'at', 'in', 'on', 'by', 'to', 'de', 'del', 'della', 'des', 'du', 'la', 'le', 'les',
  'el', 'los', 'las', 'y', 'e', 'et', 'und', 'der', 'die', 'das', 'di', 'da', 'do', 'dos', 'van', 'von', 'den', 'het', 've', 'al',
]);

/**
 * Generic words by concept, across languages. A token that is one of these stands for its concept
 * ("tsentr" and "zentrum" are both "center"); a trailing `*` matches any token with that stem
 * (Russian and German endings vary: tekhnologii, tekhnologiya, tekhnologiy).
 */
export const CONCEPTS: Record<string, string[]> = {
  center: ['center', 'centre', 'centers', 'centres', 'tsentr*', 'zentrum', 'zentren', 'centro', 'merkez*', 'markaz', 'markazi', 'zhongxin', 'centrum'],
  technology: ['technology', 'technologies', 'tech', 'tekh', 'techno', 'tekhno', 'tekno', 'technical', 'tekhnich*', 'teknik', 'tecnico', 'tecnica', 'tekhnolog*', 'technolog*', 'technik', 'technique', 'techniques', 'tecnologia', 'tecnologias', 'teknoloji*', 'keji', 'jishu', 'fanavari', 'tqny*', 'tiqani*'],
  plant: ['plant', 'plants', 'factory', 'works', 'zavod', 'werk', 'werke', 'fabrika', 'fabrik', 'usine', 'fabrica', 'gongchang', 'kombinat'],
  trading: ['trading', 'trade', 'trader', 'traders', 'torgov*', 'handel', 'handels', 'handelsgesellschaft', 'ticaret', 'commerce', 'commercial', 'comercio', 'comercial', 'commercio', 'maoyi', 'tejarat', 'tijara', 'tijarah', 'bazargani', 'tjrh', 'tjrt', 'bzrgny'],
  group: ['group', 'groups', 'gruppa', 'gruppy', 'gruppe', 'groupe', 'grupo', 'grup', 'gruppo', 'jituan', 'groep', 'goruh', 'gorouh', 'grwh'],
  industry: ['industry', 'industries', 'industrial', 'promyshlenn*', 'industrie', 'industriel*', 'industria', 'industrias', 'sanayi', 'sanayii', 'gongye', 'sanat', 'sanaye', 'sanaat', 'sanati', 'snty', 'snt', 'snaa', 'sinaa', 'sinaat'],
  international: ['international', 'intl', 'mezhdunarodn*', 'internationale', 'internacional', 'internazionale', 'uluslararasi', 'guoji', 'beynolmelal*'],
  research: ['research', 'issledovatel*', 'forschung*', 'recherche', 'recherches', 'investigacion', 'ricerca', 'arastirma', 'yanjiu', 'tahghighat', 'tahqiqat', 'pazhouhesh*'],
  institute: ['institute', 'institut', 'instituta', 'instituto', 'istituto', 'enstitusu', 'yanjiusuo', 'moassese', 'moasseseh', 'nii'],
  science: ['science', 'sciences', 'scientific', 'nauchn*', 'nauka', 'wissenschaft*', 'ciencia', 'scienza', 'bilim', 'bilimsel', 'kexue', 'elmi'],
  production: ['production', 'productions', 'producing', 'proizvodstv*', 'produktion', 'uretim', 'produccion', 'produzione', 'shengchan', 'tolid', 'tolidi'],
  enterprise: ['enterprise', 'enterprises', 'predpriyat*', 'unternehmen', 'entreprise', 'entreprises', 'empresa', 'empresas', 'impresa', 'isletme*', 'qiye'],
  association: ['association', 'obedinen*', 'obyedinen*', 'vereinigung', 'verband', 'asociacion', 'associazione', 'birlik', 'birligi'],
  systems: ['systems', 'system', 'sistemy', 'sistema', 'sistem', 'sistemleri', 'systeme', 'systemes', 'sistemas', 'sistemi', 'xitong'],
  electronics: ['electronics', 'electronic', 'elektronik*', 'electronique', 'electronica', 'elettronica', 'dianzi', 'lktrwny*', 'iliktroni*'],
  semiconductor: ['semiconductor', 'semiconductors', 'poluprovodnik*', 'halbleiter', 'semiconducteur*', 'semiconductore*', 'semiconduttor*', 'yariiletken', 'bandaoti'],
  supplychain: ['supplychain', 'gongyinglian', 'lieferkette'],
  asiapacific: ['asiapacific', 'yatai', 'apac'],
  heavyindustry: ['heavyindustry', 'zhonggong', 'tyazhprom', 'tyazhmash'],
  shipyard: ['shipyard', 'shipyards', 'shipbuilding', 'sudostroitel*', 'sudoverf*', 'verf', 'werft', 'tersane*', 'astillero*', 'cantiere', 'chuanchang', 'zosen'],
  machinetool: ['machinetool', 'machinetools', 'stankostroitel*', 'stankozavod', 'werkzeugmaschine*', 'jichuang'],
  advanced: ['advanced', 'avanzad*', 'avance', 'avancee', 'avancees', 'avances', 'avanzat*', 'fortschrittlich*', 'peredov*', 'ileri', 'xianjin'],
  establishment: ['establishment', 'establishments', 'est', 'etablissement', 'establecimiento', 'muassasa', 'muassasat', 'mwssh'],
  general: ['general', 'generale', 'generales', 'genel', 'amma', 'aamma', 'mh'],
  korea: ['korea', 'korean', 'koryo', 'choson', 'chosun', 'joseon', 'goryeo', 'koreya'],
  energy: ['energy', 'energiya', 'energii', 'energie', 'energia', 'enerji', 'nengyuan'],
  services: ['services', 'service', 'servis', 'servisy', 'uslugi', 'dienstleistung*', 'servicios', 'servizi', 'hizmet*', 'fuwu', 'khadamat'],
  holding: ['holding', 'holdings', 'kholding', 'holdinga', 'holdingi'],
  engineering: ['engineering', 'inzhiniring*', 'ingenieria', 'ingegneria', 'muhendislik', 'gongcheng', 'mohandesi', 'mühendislik'],
  design: ['design', 'konstruktorsk*', 'proektn*', 'sheji', 'tarahi'],
  bureau: ['bureau', 'byuro', 'buro', 'buero', 'oficina', 'ufficio'],
  machine: ['machine', 'machines', 'machinery', 'mashin*', 'maschinen*', 'makine', 'makina', 'maquinaria', 'jixie', 'machine-building', 'kikye', 'kigye'],
  software: ['software', 'programm*', 'yazilim', 'ruanjian', 'logiciel', 'logiciels'],
  development: ['development', 'developments', 'razvit*', 'entwicklung', 'developpement', 'desarrollo', 'sviluppo', 'gelistirme', 'kaifa', 'tose', 'towse'],
  security: ['security', 'bezopasnost*', 'sicherheit', 'securite', 'seguridad', 'sicurezza', 'guvenlik', 'anquan', 'amniyat'],
  communications: ['communications', 'communication', 'telecommunications', 'telecom', 'telekom', 'svyaz*', 'kommunikation', 'telecomunicaciones', 'iletisim', 'tongxin', 'ertebatat'],
  aviation: ['aviation', 'aviatsion*', 'luftfahrt', 'aviacion', 'aviazione', 'havacilik', 'hangkong'],
  shipping: ['shipping', 'sudokhodn*', 'schifffahrt', 'naviera', 'denizcilik', 'hangyun', 'kashtirani', 'haeun', 'kshtyrny'],
  instrument: ['instrument', 'instruments', 'priborostroen*', 'pribor*', 'instrumente', 'instrumentos', 'yiqi'],
  chemical: ['chemical', 'chemicals', 'khimich*', 'khimiya', 'chemie', 'quimica', 'chimica', 'kimya', 'huagong', 'shimi'],
  optics: ['optics', 'optical', 'optik*', 'optique', 'optica', 'guangxue'],
  defense: ['defense', 'defence', 'oboron*', 'verteidigung', 'defensa', 'difesa', 'savunma', 'guofang', 'defa'],
  new: ['new', 'novyy', 'novy', 'novaya', 'novoe', 'neue', 'neuer', 'nouveau', 'nouvelle', 'nuevo', 'nueva', 'nuovo', 'yeni', 'xin', 'novin', 'jadid'],
  house: ['house', 'dom', 'haus', 'maison', 'casa', 'evi'],
  automation: ['automation', 'automatic', 'automatics', 'avtomatik*', 'automatika', 'automatisierung', 'automatizacion', 'otomasyon', 'zidonghua'],
  precision: ['precision', 'tochn*', 'prazision*', 'precisione', 'hassas', 'jingmi'],
  mechanics: ['mechanics', 'mechanical', 'mekhanik*', 'mechanik', 'mecanique', 'mecanica', 'meccanica', 'mekanik'],
  electromechanical: ['electromechanical', 'elektromekhanich*', 'elektromechanisch*', 'electromecanique', 'electromecanica', 'elettromeccanica', 'elektromekanik'],
  microelectronics: ['microelectronics', 'microelectronic', 'mikroelektronik*', 'microelectronique', 'weidianzi'],
  data: ['data', 'dannykh', 'dannye', 'daten', 'datos', 'dati', 'veri', 'shuju'],
  marine: ['marine', 'maritime', 'morskoy', 'morskoi', 'morskaya', 'maritim', 'marina', 'maritima', 'deniz', 'haiyang'],
  equipment: ['equipment', 'oborudovani*', 'ausrustung', 'equipement', 'equipos', 'ekipman', 'shebei'],
  instruments: ['instruments', 'yiqi', 'yibiao'],
  materials: ['materials', 'material', 'materialy', 'materialov', 'werkstoffe', 'materiales', 'materiali', 'malzeme', 'cailiao'],
  aerospace: ['aerospace', 'aerokosmich*', 'luft-und-raumfahrt', 'aeroespacial', 'havacilik-uzay', 'hangtian'],
  network: ['network', 'networks', 'seti', 'netzwerk', 'reseau', 'rete', 'wangluo'],
  optoelectronics: ['optoelectronics', 'optoelectronic', 'optoelektronik*', 'guangdian'],
  construction: ['construction', 'stroitel*', 'stroy', 'stroi', 'construccion', 'costruzioni', 'insaat', 'jianzhu', 'jianshe'],
  north: ['north', 'northern', 'severnyy', 'severnaya', 'severnoe', 'severny', 'severo', 'nord', 'norte', 'kuzey'],
  south: ['south', 'southern', 'yuzhnyy', 'yuzhnaya', 'yuzhnoe', 'yuzhny', 'guney'],
  east: ['east', 'eastern', 'vostochn*', 'dogu'],
  west: ['west', 'western', 'zapadn*', 'ouest', 'oeste', 'bati'],
  caucasus: ['caucasus', 'caucasian', 'kavkaz*', 'kaukasus', 'kafkas', 'kafkasya'],
  repair: ['repair', 'remont*', 'reparatur', 'reparacion', 'tamir'],
  export: ['export', 'exports', 'eksport*', 'ihracat'],
};


/** Abbreviations registers use for generic words ("San. ve Tic." in Turkish names). */
const EXTRA_WORDS: Record<string, string> = { san: 'industry', tic: 'trading' };

/** Multi-word phrases that stand for one generic word ("trading house" / "torgovyy dom" / "TD"). */
export const PHRASES: Array<[string[], string]> = [
  [['trading', 'house'], 'td'], [['torgovyy', 'dom'], 'td'], [['torgovyi', 'dom'], 'td'], [['torgovy', 'dom'], 'td'],
  [['hong', 'kong'], 'hk'], [['programmnogo', 'obespecheniya'], 'software'], [['programmnoe', 'obespechenie'], 'software'],
  [['machine', 'building'], 'machine'], [['research', 'and', 'production'], 'npo'], [['scientific', 'production'], 'npo'],
  [['nauchno', 'proizvodstvennoe', 'obedinenie'], 'npo'], [['nauchno', 'proizvodstvennoe', 'obyedinenie'], 'npo'],
  [['supply', 'chain'], 'supplychain'], [['asia', 'pacific'], 'asiapacific'], [['heavy', 'industry'], 'heavyindustry'], [['heavy', 'industries'], 'heavyindustry'],
  [['machine', 'tool'], 'machinetool'], [['machine', 'tools'], 'machinetool'],
  [['design', 'bureau'], 'kb'], [['konstruktorskoe', 'byuro'], 'kb'], [['special', 'design', 'bureau'], 'skb'],
];

/** Generic words outside the dictionary: half weight, never enough alone. */
export const GENERIC_WORDS: ReadonlySet<string> = new Set([
  'global', 'investment', 'investments', 'import', 'export', 'logistics', 'labs', 'lab', 'laboratory', 'capital', 'partners',
  'resources', 'digital', 'data', 'consulting', 'management', 'ventures', 'products', 'manufacturing', 'equipment', 'materials',
  'general', 'national', 'world', 'china', 'american', 'asia', 'europe', 'hk', 'ai', 'intelligence', 'artificial', 'cloud',
  'computing', 'information', 'network', 'networks', 'solutions', 'solution', 'electric', 'power', 'bank', 'company', 'sdn',
  'scientific', 'science', 'soft', 'federal', 'state', 'russian', 'union', 'joint', 'plus', 'pro', 'first', 'united',
  'it', 'components', 'parts', 'supply', 'supplies', 'pars', 'gostar', 'td', 'npo', 'kb', 'skb', 'npts', 'ntc', 'npc', 'nptc', 'npp', 'nic', 'hk', 'sino', 'orient', 'oriental', 'pacific', 'eurasia', 'eurasian', 'euro',
  // Cities that open many Chinese company names
  'beijing', 'shanghai', 'shenzhen', 'guangzhou', 'hangzhou', 'tianjin', 'qingdao', 'dalian', 'xiamen', 'zhuhai', 'wuhan',
  'chengdu', 'chongqing', 'nanjing', 'suzhou', 'xian', 'harbin', 'shenyang', 'ningbo', 'dongguan', 'foshan', 'hefei', 'changsha',
  // CJK equivalents of the commonest ones
  '科技', '技术', '技術', '国际', '國際', '贸易', '貿易', '集团', '集團', '控股', '实业', '實業', '工业', '工業', '发展', '發展', '投资', '投資',
]);

const EXACT_CONCEPT = new Map<string, string>();
const STEM_CONCEPT: Array<[string, string]> = [];
for (const [concept, words] of Object.entries(CONCEPTS)) {
  for (const w of words) {
    if (w.endsWith('*')) STEM_CONCEPT.push([w.slice(0, -1), concept]);
    else EXACT_CONCEPT.set(w, concept);
  }
}
STEM_CONCEPT.sort((a, b) => b[0].length - a[0].length);

/** The dictionary concept a folded token stands for, if any. */
export function conceptOf(token: string): string | undefined {
  const c = EXACT_CONCEPT.get(token) ?? EXTRA_WORDS[token];
  if (c) return c;
  for (const [stem, concept] of STEM_CONCEPT) if (token.length >= stem.length && token.startsWith(stem)) return concept;
  return undefined;
}
