import { describe, expect, it } from 'vitest';
import { affinity, affinityText, fieldAffinity, foldKeywords, keywordAffinity, keywordPoints } from '../src/review/affinity.js';

const app = {
  fieldCode: 'F07.01',
  title: '工业大模型推理芯片研发',
  field: 'F07.01 集成电路',
  direction: '面向工业场景的 AI 芯片',
  objectives: '研制低功耗推理加速器',
};

describe('affinity', () => {
  it('60 for the exact field, 40 for the same top-level field only, 0 otherwise', () => {
    expect(fieldAffinity(['F07.01'], 'F07.01')).toBe(60);
    expect(fieldAffinity(['F07'], 'F07.01')).toBe(40);
    expect(fieldAffinity(['F07.02'], 'F07.01')).toBe(40);
    expect(fieldAffinity(['F07.01'], 'F07')).toBe(40);
    expect(fieldAffinity(['F08.01'], 'F07.01')).toBe(0);
    expect(fieldAffinity(['F07.01'], null)).toBe(0);
    expect(affinity({ fieldCodes: ['F01', 'F07.01'], keywords: [] }, app)).toBe(60);
  });

  it('adds 10 per keyword found in title, field, direction or objectives, at most 40 from keywords', () => {
    expect(affinity({ fieldCodes: [], keywords: ['推理'] }, app)).toBe(10);
    expect(affinity({ fieldCodes: [], keywords: ['集成电路'] }, app)).toBe(10); // field name
    expect(affinity({ fieldCodes: [], keywords: ['ai'] }, app)).toBe(10); // direction, case folded
    expect(affinity({ fieldCodes: [], keywords: ['低功耗'] }, app)).toBe(10); // objectives
    expect(affinity({ fieldCodes: [], keywords: ['量子', '区块链'] }, app)).toBe(0);
    expect(affinity({ fieldCodes: [], keywords: ['推理', '推理', ' 推理 '] }, app)).toBe(10);
    expect(keywordAffinity(['推理', '芯片', '工业', '大模型', '集成电路'], affinityText(app))).toBe(40);
  });

  it('caps at 100 and is an integer', () => {
    const a = affinity({ fieldCodes: ['F07.01'], keywords: ['推理', '芯片', '工业', '大模型', '集成电路'] }, app);
    expect(a).toBe(100);
    expect(Number.isInteger(a)).toBe(true);
    expect(affinity({ fieldCodes: ['F07'], keywords: ['推理', '芯片'] }, app)).toBe(60);
  });

  it('accepts a precomputed folded text', () => {
    const text = affinityText(app);
    expect(affinity({ fieldCodes: ['F07'], keywords: ['芯片'] }, app, text)).toBe(50);
  });
});

describe('folded keywords', () => {
  it('fold once and score the same as unfolded', () => {
    const folded = foldKeywords([' AI ', 'ai', '芯片', '']);
    expect(folded).toEqual(['ai', '芯片']);
    expect(keywordPoints(folded, affinityText(app))).toBe(keywordAffinity([' AI ', 'ai', '芯片', ''], affinityText(app)));
    expect(keywordPoints(folded, affinityText(app))).toBe(20);
  });
});
