global using Microsoft.Extensions.DependencyInjection;
global using PromoAdmin.Tests;
