import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { defineConfig, services } from '@adonisjs/drive'

/**
 * Files (order attachments, reports…) go to local disk by default. Setting
 * DRIVE_DISK=s3 (with S3_BUCKET, S3_REGION, S3_ENDPOINT and the AWS keys in
 * the environment, and @aws-sdk/client-s3 installed) moves them to S3 with
 * no code change. Files are never served directly: downloads go through
 * routes that check the tenant and the user's rights.
 */
const driveConfig = defineConfig({
  default: (env.get('DRIVE_DISK') as 'fs' | 's3' | undefined) ?? 'fs',
  services: {
    fs: services.fs({
      location: app.makePath(env.get('DRIVE_LOCATION') ?? 'storage/files'),
      serveFiles: false,
      visibility: 'private',
    }),
    // The S3 driver loads the AWS SDK at boot, so it is configured only when chosen.
    ...(env.get('DRIVE_DISK') === 's3'
      ? {
          s3: services.s3({
            credentials: {
              accessKeyId: env.get('AWS_ACCESS_KEY_ID') ?? '',
              secretAccessKey: env.get('AWS_SECRET_ACCESS_KEY') ?? '',
            },
            region: env.get('S3_REGION') ?? 'ru-central1',
            bucket: env.get('S3_BUCKET') ?? 'krai',
            endpoint: env.get('S3_ENDPOINT'),
            visibility: 'private',
          }),
        }
      : {}),
  },
})

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
