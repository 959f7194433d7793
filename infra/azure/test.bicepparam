using 'main.bicep'

param environmentName = 'test'
param appServiceSku = 'P0v3'
param instanceCount = 2
param sqlSkuName = 'S0'
param sqlAdminGroupObjectId = '00000000-0000-0000-0000-000000000000'
param sqlAdminGroupName = 'casehub-test-sql-admins'
param entraClientId = '00000000-0000-0000-0000-000000000000'
param allowedTenantIds = [
  '00000000-0000-0000-0000-000000000000'
]
