using PromoAdmin.Domain.Batches;

[assembly: AssemblyFixture(typeof(PromoAdmin.IntegrationTests.Infrastructure.AllLocationsApp))]

namespace PromoAdmin.IntegrationTests.Infrastructure;

/// <summary>
/// The app of the tests that make codes available at all locations. Such a code is listed at every location, so on the
/// shared app it would turn up in other tests' lists (an empty state, a total); here the tests read their lists filtered
/// by their own codes. No hosted batch worker: the one class that generates batches here runs its jobs itself
/// (<see cref="BatchJobRunner"/>), and it is the only one that queues any.
/// </summary>
public sealed class AllLocationsApp() : PromoAdminFactory(null, new Dictionary<string, string?> { ["Batches:Worker:Enabled"] = "false" }), IAsyncLifetime
{
    public ValueTask InitializeAsync()
    {
        StartServer();
        return ValueTask.CompletedTask;
    }
}
