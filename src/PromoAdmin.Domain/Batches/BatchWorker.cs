using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PromoAdmin.Domain.Batches;

/// <summary>
/// The hosted worker of one app instance: runs queued batch jobs as soon as this instance queues one, and every
/// <see cref="BatchWorkerOptions.PollInterval"/> picks up jobs queued elsewhere or abandoned by a crashed instance.
/// </summary>
public sealed class BatchWorker(BatchJobRunner runner, BatchJobSignal signal, IOptions<BatchWorkerOptions> options, ILogger<BatchWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            log.LogInformation("Batch worker disabled (Batches:Worker:Enabled = false)");
            return;
        }
        // Start-up continues while the worker runs.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await runner.RunPendingJobsAsync(stoppingToken);
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Batch worker: looking for jobs failed; trying again shortly");
                try { await Task.Delay(options.Value.PollInterval, stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
        }
    }
}
