using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Tollgate.Api.Outbox;

/// <summary>Registers the outbox: queueing in every process, delivery only where the worker role runs.</summary>
public static class OutboxServices
{
    /// <summary>What every process needs to queue messages.</summary>
    public static IServiceCollection AddTollgateOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.Configure<OutboxOptions>(configuration.GetSection("Tollgate:Outbox"));
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<OutboxProgress>();
        services.TryAddSingleton<IOutbox, TransactionalOutbox>();
        return services;
    }

    /// <summary>The delivery worker (worker role): SMTP when <c>Tollgate:Smtp:Host</c> is set, else .eml files in <paramref name="mailFolder"/>.</summary>
    public static IServiceCollection AddOutboxDelivery(this IServiceCollection services, string mailFolder)
    {
        services.TryAddSingleton<IMailTransport>(sp =>
        {
            var smtp = sp.GetRequiredService<IOptions<SmtpOptions>>().Value;
            return smtp.Configured ? new SmtpMailTransport(smtp) : new MailFolderTransport(mailFolder);
        });
        services.AddSingleton<OutboxWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxWorker>());
        return services;
    }
}
