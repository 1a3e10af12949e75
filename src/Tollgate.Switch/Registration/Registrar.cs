using System.Globalization;
using Microsoft.Extensions.Logging;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Stack;
using Tollgate.Sip.Transport;

namespace Tollgate.Switch.Registration;

/// <summary>Answers REGISTER: digest authentication as the account named in To, then the bindings as RFC 3261 §10.3 says.</summary>
/// <remarks>
/// An account registers with its <c>accountId</c> as digest username (and as the To user) and its SIP password. Blocked
/// accounts may register (they only may not call); closed accounts, accounts of closed customers and accounts without a
/// SIP password may not. Bindings are kept by <see cref="Domain.Switching.ISipRegistrationStore"/>, so every switch
/// process reaches every phone; the User-Agent of each registration is kept for service policies matched by pattern.
/// </remarks>
internal sealed class Registrar(SwitchContext context, SipAuthentication authentication)
{
    private readonly ILogger _logger = context.Loggers.CreateLogger<Registrar>();

    public async Task HandleAsync(IncomingRequest incoming)
    {
        var request = incoming.Request;
        try
        {
            var aor = request.To.Uri.User;
            if (string.IsNullOrEmpty(aor))
            {
                incoming.Respond(SipStatusCodes.NotFound, "No Account In To");
                return;
            }

            var (outcome, identity) = await authentication.AuthenticateAsync(request, proxy: false, CancellationToken.None);
            if (authentication.RespondUnauthenticated(incoming, outcome, proxy: false)) return;
            if (identity!.AccountName != aor)
            {
                incoming.Respond(SipStatusCodes.Forbidden, "Credentials Are Not For This Account");
                return;
            }

            if (!identity.MayRegister)
            {
                incoming.Respond(SipStatusCodes.Forbidden, "Registration Not Allowed");
                return;
            }

            var now = context.Now;
            var current = await context.Registrations.GetAsync(identity.AccountId, now, CancellationToken.None);
            var flow = request.Flow!;
            var source = $"{flow.Transport.Kind.ViaName().ToLowerInvariant()}:{flow.RemoteEndPoint}";
            var result = BindingRules.Apply(current, request, source, now, context.Options.MinRegistration,
                context.Options.MaxRegistration, context.Options.MaxBindingsPerAccount);
            if (result.ErrorStatus is { } status)
            {
                var failure = incoming.CreateResponse(status, result.ErrorReason);
                if (result.MinExpires is { } min) failure.AddHeader(KnownHeader.MinExpires, min.ToString(CultureInfo.InvariantCulture));
                incoming.Respond(failure);
                return;
            }

            if (result.Changed) await context.Registrations.ReplaceAsync(identity.AccountId, result.Bindings, CancellationToken.None);
            var ok = incoming.CreateResponse(SipStatusCodes.Ok);
            foreach (var contact in BindingRules.ContactHeaders(result.Bindings, now)) ok.AddHeader(KnownHeader.Contact, contact);
            incoming.Respond(ok);
            _logger.LogDebug("{AccountId} has {Count} registered contact(s)", identity.AccountName, result.Bindings.Count);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogError(e, "REGISTER {Request} failed", request);
            incoming.Respond(SipStatusCodes.ServerInternalError);
        }
    }
}
