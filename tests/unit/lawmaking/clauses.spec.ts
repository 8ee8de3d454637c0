import { test } from '@japa/runner'
import { carryKeys, parseClauses, sourceOf, InvalidText } from '#modules/lawmaking/services/clauses'
import { redline } from '#modules/lawmaking/services/redline'

const VERSION_1 = `О поддержке добровольчества в Краснодарском крае

Статья 1. Предмет регулирования
Настоящий Закон регулирует отношения в сфере добровольчества.
Статья 2. Меры поддержки
1. Органы власти края оказывают поддержку:
1) информационную;
2) консультационную;
а) очно;
б) дистанционно.
2. Порядок оказания поддержки устанавливает высший исполнительный орган края.
Статья 3. Вступление в силу
Настоящий Закон вступает в силу через десять дней после его официального опубликования.`

test.group('Lawmaking | clauses | parsing', () => {
  test('cuts a Russian act into article → part → point → sub-point, with the preamble first', ({ assert }) => {
    const clauses = parseClauses(VERSION_1)
    assert.deepEqual(
      clauses.map((clause) => [clause.path, clause.depth]),
      [
        ['preamble', 0],
        ['Статья 1', 0],
        ['Статья 2', 0],
        ['Статья 2 / 1.', 1],
        ['Статья 2 / 1. / 1)', 2],
        ['Статья 2 / 1. / 2)', 2],
        ['Статья 2 / 1. / 2) / а)', 3],
        ['Статья 2 / 1. / 2) / б)', 3],
        ['Статья 2 / 2.', 1],
        ['Статья 3', 0],
      ]
    )
    assert.equal(clauses[1].text, 'Предмет регулирования Настоящий Закон регулирует отношения в сфере добровольчества.')
    assert.equal(clauses[3].parent, 2)
    assert.equal(clauses[6].parent, 5)
  })

  test('refuses an empty text and a clause number used twice in one place', ({ assert }) => {
    assert.throws(() => parseClauses('  \n \n'), InvalidText as any)
    assert.throws(() => parseClauses('Статья 1. А\nСтатья 1. Б'), /appears twice/)
  })

  test('the source of a version parses back to the same clauses', ({ assert }) => {
    const first = carryKeys(parseClauses(VERSION_1), [], 1)
    const again = carryKeys(parseClauses(sourceOf(first)), first, 2)
    assert.deepEqual(again.map((clause) => [clause.key, clause.text, clause.changedIn]), first.map((clause) => [clause.key, clause.text, 1]))
  })
})

test.group('Lawmaking | clauses | keys across versions', () => {
  test('unchanged, renumbered, edited and new clauses', ({ assert }) => {
    const first = carryKeys(parseClauses(VERSION_1), [], 1)
    const byPath = (clauses: typeof first, label: string) => clauses.find((clause) => clause.label === label && clause.depth === 0)!
    // a new article 2 is inserted: old 2 and 3 become 3 and 4; article 1 is edited in place
    const second = carryKeys(
      parseClauses(
        VERSION_1.replace('Статья 1. Предмет регулирования\nНастоящий Закон регулирует отношения', 'Статья 1. Предмет регулирования\nНастоящий Закон регулирует общественные отношения')
          .replace('Статья 3. Вступление в силу', 'Статья 4. Вступление в силу')
          .replace('Статья 2. Меры поддержки', 'Статья 2. Основные понятия\nДобровольцы — граждане, действующие безвозмездно.\nСтатья 3. Меры поддержки')
      ),
      first,
      2
    )
    const old1 = byPath(first, 'Статья 1')
    const new1 = byPath(second, 'Статья 1')
    assert.equal(new1.key, old1.key, 'edited in place keeps its key')
    assert.equal(new1.changedIn, 2)
    assert.equal(byPath(second, 'Статья 4').key, byPath(first, 'Статья 3').key, 'renumbered, same text')
    assert.equal(byPath(second, 'Статья 4').changedIn, 1)
    assert.equal(byPath(second, 'Статья 3').key, byPath(first, 'Статья 2').key, 'renumbered with a little change')
    assert.notInclude(first.map((clause) => clause.key), byPath(second, 'Статья 2').key, 'the new article has a new key')
    // parts and points under the moved article keep their keys and their parent
    const points = second.filter((clause) => clause.label === '1)')
    assert.equal(points[0].key, first.find((clause) => clause.label === '1)')!.key)
    assert.equal(points[0].changedIn, 1)

    const diff = redline(first, second)
    assert.deepEqual(diff.counts, { added: 1, removed: 0, changed: 3, unchanged: 7 })
    const edited = diff.rows.find((row) => row.key === old1.key)!
    assert.equal(edited.status, 'changed')
    assert.deepEqual(edited.words.filter((word) => word.kind !== 'same').map((word) => [word.kind, word.value.trim()]), [['added', 'общественные']])
  })

  test('a removed clause stands where it was', ({ assert }) => {
    const first = carryKeys(parseClauses('Статья 1. Один\nСтатья 2. Два\nСтатья 3. Три'), [], 1)
    const second = carryKeys(parseClauses('Статья 1. Один\nСтатья 2. Три'), first, 2)
    const diff = redline(first, second)
    assert.deepEqual(diff.rows.map((row) => [row.status, row.before?.text ?? row.after?.text]), [
      ['unchanged', 'Один'],
      ['removed', 'Два'],
      ['changed', 'Три'],
    ])
  })
})
