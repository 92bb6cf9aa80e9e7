import { describe, expect, it } from 'vitest';
import { effectiveLabels, labelsOfAnswer, labelTerms } from '../../../main/model/effective-labels';

const answer = {
  Labels: [
    {
      Name: 'Animal',
      Confidence: 99.1,
      Parents: [],
      Categories: [{ Name: 'Animals and Pets' }],
    },
    {
      Name: 'Dog',
      Confidence: 98.2,
      Parents: [{ Name: 'Animal' }, { Name: 'Pet' }],
      Categories: [{ Name: 'Animals and Pets' }],
    },
    { Name: 'Puppy', Confidence: 58.3, Parents: [{ Name: 'Dog' }, { Name: 'Animal' }] },
    { Name: 'Golden Retriever', Confidence: 71, Parents: [{ Name: 'Dog' }] },
  ],
  LabelModelVersion: '3.0',
};

describe('labelsOfAnswer', () => {
  it('reads names, confidences, parents and categories from a DetectLabels answer', () => {
    expect(labelsOfAnswer(answer)).toContainEqual({
      name: 'Dog',
      confidence: 98.2,
      parents: ['Animal', 'Pet'],
      categories: ['Animals and Pets'],
      source: 'rekognition',
    });
    expect(labelsOfAnswer(answer)).toHaveLength(4);
  });

  it('skips what is not a label, keeps the best of a name given twice, clamps confidence', () => {
    const labels = labelsOfAnswer({
      Labels: [
        { Name: 'Dog', Confidence: 60 },
        { Name: 'dog', Confidence: 90 },
        { Name: '', Confidence: 90 },
        { Confidence: 90 },
        'Cat',
        { Name: 'Sky', Confidence: 120, Parents: ['bad', { Name: 'Nature' }] },
      ],
    });
    expect(labels.map((l) => [l.name, l.confidence])).toEqual([
      ['dog', 90],
      ['Sky', 100],
    ]);
    expect(labels[1]!.parents).toEqual(['Nature']);
    expect(labelsOfAnswer(null)).toEqual([]);
    expect(labelsOfAnswer({ Labels: 'nope' })).toEqual([]);
  });
});

describe('effectiveLabels', () => {
  it('drops removed labels, whatever their case, and drops them from other labels’ parents', () => {
    const labels = effectiveLabels(answer, [{ name: 'dog', action: 'remove', at: 5 }]);
    expect(labels.map((l) => l.name)).toEqual(['Animal', 'Puppy', 'Golden Retriever']);
    expect(labels.find((l) => l.name === 'Puppy')!.parents).toEqual(['Animal']);
  });

  it('adds the person’s labels at 100, keeping Rekognition’s spelling and parents when it agrees', () => {
    const labels = effectiveLabels(answer, [
      { name: 'puppy', action: 'add', at: 5 },
      { name: 'Good Boy', action: 'add', at: 6 },
    ]);
    expect(labels.find((l) => l.name === 'Puppy')).toEqual({
      name: 'Puppy',
      confidence: 100,
      parents: ['Dog', 'Animal'],
      categories: [],
      source: 'user',
    });
    expect(labels.find((l) => l.name === 'Good Boy')).toMatchObject({
      confidence: 100,
      source: 'user',
      parents: [],
    });
    expect(effectiveLabels(null, [{ name: 'Mine', action: 'add', at: 1 }])).toHaveLength(1);
  });
});

describe('labelTerms', () => {
  it('indexes every word of names and parents at the best confidence it appears with', () => {
    const terms = new Map(
      labelTerms(labelsOfAnswer(answer)).map((t) => [t.term, t.confidence] as const),
    );
    expect(terms.get('golden')).toBe(71);
    expect(terms.get('retriever')).toBe(71);
    // "dog" is a label at 98.2 and a parent of labels at 58.3 and 71: the best counts.
    expect(terms.get('dog')).toBe(98.2);
    // "pet" is only a parent, of Dog.
    expect(terms.get('pet')).toBe(98.2);
    expect(terms.get('animal')).toBe(99.1);
    expect([...terms.keys()].sort()).toEqual(
      ['animal', 'dog', 'golden', 'pet', 'puppy', 'retriever'].sort(),
    );
  });
});
