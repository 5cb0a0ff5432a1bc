import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { daysInMonth, isLeapYear, isoDate, readDate, readDateByPattern } from '../src/dates.js'
import { type Diagnostic, parseDigest, safeParseDigest } from '../src/index.js'
import * as reference from './reference/dates.js'

const record = (date: string) => `Title\n\nAn abstract of the paper.\n\n  • 2 authors\n·\n${date}`
/** The diagnostics but the `missing-header` warning these header-less texts all have. */
const problems = (result: { messages: Diagnostic[] }) => result.messages.filter((m) => m.ruleId !== 'missing-header')

describe('dates', () => {
  it('are read as readDate of commit bb6e0c7 read them (test/reference/dates.ts)', () => {
    // prettier-ignore
    const pieces = ['Aug', 'May', 'Sept', 'September', 'Sep', 'Mayo', 'Upvote', 'aug', 'A', 'Augu', 'x', '.', ' ', '  ', ',', ', ', '1', '14', '0', '2021', '123', '12345', '1234567890', '\t', '·', '']
    const dates = fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((parts) => parts.join(''))
    fc.assert(
      fc.property(dates, (text) => {
        expect(readDate(text)).toEqual(reference.readDate(text))
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 10_000), seed: 1414 },
    )
    for (const text of [
      'Aug 14, 2021',
      'May 13 2',
      'Jun 12, 2023 1',
      'May 21',
      'Sept. 5 2024',
      'September 30, 0812 999999999',
    ]) {
      expect(readDate(text)).toEqual(reference.readDate(text))
      expect(readDate(text)).not.toBeNull()
    }
  })

  it('are read by hand exactly as the pattern reads them', () => {
    // prettier-ignore
    const pieces = ['Aug', 'May', 'Sept', 'September', 'Sep', 'Septembers', 'Mayo', 'Upvote', 'aug', 'A', 'Ma', 'x', 'É', '.', ' ', '  ', ',', ', ', ',,', '1', '14', '0', '2021', '123', '12345', '123456789', '1234567890', '\t', '·', '']
    const dates = fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((parts) => parts.join(''))
    fc.assert(
      fc.property(fc.oneof(dates, fc.string({ maxLength: 20 })), (text) => {
        expect(readDate(text)).toEqual(readDateByPattern(text))
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 10_000), seed: 1415 },
    )
    // prettier-ignore
    for (const text of ['Aug 14, 2021', 'Aug 14 2021', 'Aug 14 2021 3', 'Aug 14, 2021 3', 'May 13 2', 'May 13 12345', 'May 1 123456789', 'Sept. 5 2024', 'Aug 14,2021', 'Aug 14, 21', 'Aug 142', 'Aug 14 ', 'Aug  14', 'Aug 14 1234567890']) {
      expect(readDate(text), text).toEqual(readDateByPattern(text))
    }
  })

  it('write iso dates, each made once and then remembered, as they were written before', () => {
    // isoDate before it remembered its dates.
    const two = (n: number) => (n >= 0 && n <= 31 ? String(n).padStart(2, '0') : String(n))
    const written = (year: number, month: number, day: number) =>
      `${year >= 1000 ? String(year) : String(year).padStart(4, '0')}-${two(month)}-${two(day)}`
    fc.assert(
      fc.property(
        fc.integer({ min: -10, max: 99_999 }),
        fc.integer({ min: -1, max: 120 }),
        fc.integer({ min: -1, max: 120 }),
        (year, month, day) => {
          // Twice: made, then remembered (or made again, outside the remembered range).
          expect(isoDate(year, month, day)).toBe(written(year, month, day))
          expect(isoDate(year, month, day)).toBe(written(year, month, day))
        },
      ),
      { numRuns: 20_000, seed: 1416 },
    )
    for (let day = 1; day <= 31; day++) expect(isoDate(2021, 8, day)).toBe(written(2021, 8, day))
    expect(isoDate(2021.5, 8, 14)).toBe('2021.5-08-14')
    expect(isoDate(2021, 8.5, 14)).toBe('2021-8.5-14')
  })

  it('know leap years and month lengths', () => {
    expect([1900, 2000, 2023, 2024].map(isLeapYear)).toEqual([false, true, false, true])
    expect(daysInMonth(2, 2023)).toBe(28)
    expect(daysInMonth(2, 2024)).toBe(29)
    expect(daysInMonth(2, null)).toBe(29)
    expect(daysInMonth(4, 2024)).toBe(30)
    expect(isoDate(812, 3, 7)).toBe('0812-03-07')
  })

  it('accept February 29 in a leap year only', () => {
    expect(parseDigest(record('Feb 29, 2024')).papers[0]?.published?.iso).toBe('2024-02-29')
    const result = safeParseDigest(record('Feb 29, 2023'))
    expect(problems(result)).toMatchObject([{ ruleId: 'invalid-date', line: 7, column: 1 }])
    expect(result.success).toBe(false)
  })

  it('check February 29 without a year against the year it gets', () => {
    expect(parseDigest(record('Feb 29'), { year: 2028 }).papers[0]?.published?.iso).toBe('2028-02-29')
    expect(problems(safeParseDigest(record('Feb 29'), { year: 2027 }))).toMatchObject([{ ruleId: 'invalid-date' }])
    // Inferred from the latest written year, 2026: 2027 is not a leap year.
    const inferred = safeParseDigest(`${record('Feb 29')}\n\n${record('Jan 1, 2026')}`)
    expect(problems(inferred)).toMatchObject([{ ruleId: 'invalid-date', line: 7 }])
    expect(inferred.success || inferred.error.digest.papers[0]?.published).toBe(null)
  })

  it('take options.year for dates without one, and mark it inferred', () => {
    expect(parseDigest(record('May 21'), { year: 2030 }).papers[0]?.published).toEqual({
      text: 'May 21',
      year: 2030,
      month: 5,
      day: 21,
      yearInferred: true,
      iso: '2030-05-21',
    })
    expect(parseDigest(record('May 21, 2019'), { year: 2030 }).papers[0]?.published?.year).toBe(2019)
  })

  it('report days that do not exist, unknown months and years cut short', () => {
    for (const [date, why] of [
      ['Apr 31, 2024', 'April has 30 days'],
      ['Jan 0', 'there is no day 0'],
      ['Feb 30', 'February has 29 days'],
      ['Feb 29, 2023', 'February 2023 has 28 days'],
      ['Foo 3, 2024', 'unknown month "Foo"'],
      ['Aug 14, 20', 'four digits'],
    ] as const) {
      const found = problems(safeParseDigest(record(date), { year: 2025 }))
      expect(found).toHaveLength(1)
      expect(found[0]).toMatchObject({ ruleId: 'invalid-date', severity: 'error', line: 7 })
      expect(found[0]?.message).toContain(why)
    }
  })

  it('reject a wrong options.year at once', () => {
    expect(() => parseDigest('', { year: 20.5 })).toThrow(TypeError)
    expect(() => parseDigest('', { year: 0 })).toThrow(TypeError)
  })
})
