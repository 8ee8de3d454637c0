import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import app from '@adonisjs/core/services/app'

function run(command: string, args: string[]) {
  return new Promise<{ code: number; output: string }>((resolve) => {
    execFile(command, args, { cwd: app.makePath(), env: { ...process.env, FORCE_COLOR: '0' }, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr })
    )
  })
}

/** What `git status` shows, untracked files one by one. */
async function gitStatus() {
  const status = await run('git', ['status', '--porcelain', '--untracked-files=all'])
  return status.output.split('\n').filter(Boolean).sort()
}

test.group('Platform | what a run generates stays out of git status', () => {
  test('node ace migration:run leaves the working tree as it found it (no database/schema.ts)', async ({ assert }) => {
    const before = await gitStatus()
    const migrated = await run(process.execPath, ['ace', 'migration:run'])
    assert.equal(migrated.code, 0, migrated.output)
    assert.deepEqual(await gitStatus(), before)
  }).timeout(120_000)
})
