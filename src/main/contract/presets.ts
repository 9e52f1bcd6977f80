// The spending-cap presets a union can choose at setup (../shared/domain/spending-rules.md §6).
// Only identity and provenance live here; the caps themselves are loaded by the compliance engine.

export interface PresetOption {
  id: string;
  label: string;
  document: string;
  asOf: string | null;
  /** ✅ confirmed · ◐ secondary · ❓ unconfirmed (domain README confidence marks). */
  reliability: '✅' | '◐' | '❓';
}

export const PROVINCE_PRESETS: readonly PresetOption[] = [
  { id: 'NATIONAL', label: '全国基线（无金额上限）', document: '总工办发〔2017〕32号', asOf: '2017-12-15', reliability: '✅' },
  { id: 'AH-2025', label: '安徽（2025）', document: '皖工发〔2025〕18号', asOf: '2025-08-21', reliability: '❓' },
  { id: 'AH-2018', label: '安徽（2018）', document: '《安徽省基层工会经费收支管理实施办法（试行）》', asOf: '2018-03-12', reliability: '◐' },
  { id: 'FJ-2018', label: '福建', document: '闽工〔2018〕158号', asOf: '2018-01-01', reliability: '◐' },
  { id: 'HA-2018', label: '河南', document: '《河南省基层工会经费收支管理实施办法》', asOf: '2018-02-09', reliability: '◐' },
  { id: 'HB-2018', label: '湖北', document: '《湖北省基层工会经费收支管理实施细则》', asOf: '2018', reliability: '◐' },
  { id: 'SC', label: '四川', document: '《四川省基层工会经费收支管理实施办法》', asOf: null, reliability: '◐' },
  { id: 'GZ', label: '贵州', document: '《贵州省基层工会经费收支管理实施细则（暂行）》', asOf: null, reliability: '◐' },
  { id: 'SD-2019', label: '山东', document: '山东省总工会办公室《关于调整基层工会经费支出有关标准的通知》', asOf: '2019-06-24', reliability: '◐' },
  { id: 'BJ-2019', label: '北京', document: '《关于2019年度基层工会开展慰问活动有关经费事项的通知》', asOf: '2019', reliability: '✅' },
  { id: 'NM-2023', label: '内蒙古', document: '内蒙古节日慰问品通知', asOf: '2023', reliability: '◐' },
  { id: 'SX', label: '山西', document: '《关于服务职工经费支出若干问题的具体规定》', asOf: null, reliability: '◐' },
  { id: 'AH-later', label: '安徽（2018 年后，据报道）', document: '安徽省总工会规定（据报道）', asOf: null, reliability: '◐' },
  { id: 'SH-2015', label: '上海（2015，旧）', document: '上海市总工会 2014 年后规定（旧）', asOf: '2015', reliability: '◐' },
  { id: 'CQ-2015', label: '重庆（2015，旧）', document: '重庆市总工会 2014 年后规定（旧）', asOf: '2015', reliability: '◐' },
  { id: 'HL-2015', label: '黑龙江（2015，旧）', document: '黑龙江省总工会补充通知', asOf: 'c. 2015', reliability: '◐' },
  { id: 'SN-2015', label: '陕西（2015，旧）', document: '陕西《…贯彻落实全国总工会加强基层工会经费收支管理有关规定的意见》', asOf: '2015', reliability: '◐' },
];

export const PRESET_IDS = PROVINCE_PRESETS.map((p) => p.id) as [string, ...string[]];
