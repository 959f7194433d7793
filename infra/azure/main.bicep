// CaseHub on Azure: App Service (Linux, .NET 10) with two instances, Azure SQL with Entra-only authentication and
// the app's managed identity, Key Vault for secrets, Application Insights. One deployment per environment:
//   az deployment group create -g <rg> -f infra/azure/main.bicep -p infra/azure/test.bicepparam
targetScope = 'resourceGroup'

@description('Short environment name, used in resource names (test, prod).')
param environmentName string

@description('Azure region.')
param location string = resourceGroup().location

@description('App Service plan SKU; P1v3 or larger in production.')
param appServiceSku string = 'P1v3'

@description('Number of app instances behind the load balancer.')
@minValue(2)
param instanceCount int = 2

@description('Object id and name of the Entra ID group that administers the SQL server.')
param sqlAdminGroupObjectId string
param sqlAdminGroupName string

@description('The Entra ID app registration (client) id of CaseHub.')
param entraClientId string

@description('Tenant ids of the regions and municipalities that may sign in.')
param allowedTenantIds array

@description('Azure SQL database SKU.')
param sqlSkuName string = 'S2'

var name = 'casehub-${environmentName}'
var tenantSettings = [for (tenant, i) in allowedTenantIds: {
  name: 'CaseHub__AllowedTenants__${i}'
  value: tenant
}]

resource logs 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: '${name}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 90
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${name}-kv'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enablePurgeProtection: true
    softDeleteRetentionInDays: 90
  }
}

resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: '${name}-sql'
  location: location
  properties: {
    minimalTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    administrators: {
      administratorType: 'ActiveDirectory'
      azureADOnlyAuthentication: true
      login: sqlAdminGroupName
      sid: sqlAdminGroupObjectId
      tenantId: subscription().tenantId
      principalType: 'Group'
    }
  }
}

resource database 'Microsoft.Sql/servers/databases@2023-08-01-preview' = {
  parent: sql
  name: 'CaseHub'
  location: location
  sku: { name: sqlSkuName }
  properties: {
    requestedBackupStorageRedundancy: 'Zone'
  }
}

resource allowAzure 'Microsoft.Sql/servers/firewallRules@2023-08-01-preview' = {
  parent: sql
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  kind: 'linux'
  sku: { name: appServiceSku, capacity: instanceCount }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: name
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/health'
      appSettings: concat([
        { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
        // App Service terminates TLS (httpsOnly) and forwards the scheme; CaseHub refuses to start on HTTP without it.
        { name: 'CaseHub__Https__BehindTlsProxy', value: 'true' }
        { name: 'Database__Provider', value: 'SqlServer' }
        { name: 'AzureAd__Instance', value: 'https://login.microsoftonline.com/' }
        { name: 'AzureAd__TenantId', value: 'organizations' }
        { name: 'AzureAd__ClientId', value: entraClientId }
        { name: 'AzureAd__ClientSecret', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=entra-client-secret)' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
      ], tenantSettings)
      connectionStrings: [
        {
          name: 'CaseHub'
          type: 'SQLAzure'
          connectionString: 'Server=tcp:${sql.properties.fullyQualifiedDomainName},1433;Database=${database.name};Authentication=Active Directory Managed Identity;Encrypt=true'
        }
      ]
    }
  }
}

// The app reads its secrets from Key Vault with its own identity.
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, app.id, 'secrets-user')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

output appUrl string = 'https://${app.properties.defaultHostName}'
output appPrincipalId string = app.identity.principalId
output sqlServer string = sql.properties.fullyQualifiedDomainName
