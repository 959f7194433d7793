using 'main.bicep'

// Replace the zero ids with the real ones from the Entra ID app registration (docs/operations.md).
param environmentName = 'prod'
param appServiceSku = 'P1v3'
param instanceCount = 2
param sqlSkuName = 'S3'
param sqlAdminGroupObjectId = '00000000-0000-0000-0000-000000000000'
param sqlAdminGroupName = 'casehub-prod-sql-admins'
param entraClientId = '00000000-0000-0000-0000-000000000000'
param allowedTenantIds = [
  '00000000-0000-0000-0000-000000000000'
]
