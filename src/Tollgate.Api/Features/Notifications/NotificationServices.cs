using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Tollgate.Api.Features.Notifications;

/// <summary>Registers the notification service every feature may use to tell a user something.</summary>
public static class NotificationServices
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.TryAddSingleton<INotifier, Notifier>();
        return services;
    }
}
