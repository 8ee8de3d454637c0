import { test } from '@japa/runner'
import { csvCell, csvLine } from '#core/uploads/csv_cell'

test.group('Uploads | csv cell', () => {
  test('strings starting like a formula get a leading quote (OWASP); typed numbers do not', ({ assert }) => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) assert.equal(csvCell(`${start}1`).replace(/^"|"$/g, '').at(0), "'", JSON.stringify(start))
    assert.equal(csvCell('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`)
    assert.equal(csvCell(-12.5), '-12.5')
    assert.equal(csvCell('-12.5'), "'-12.5")
    assert.equal(csvCell('Минздрав'), 'Минздрав')
    assert.equal(csvCell(null), '')
    assert.equal(csvLine(['a;b', 3], ';'), '"a;b";3')
  })
})
