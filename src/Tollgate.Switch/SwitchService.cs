using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tollgate.Domain.Access;
using Tollgate.Domain.Switching;
using Tollgate.Sip.Authentication;
using Tollgate.Sip.Dialogs;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Stack;
using Tollgate.Sip.Transport;
using Tollgate.Switch.Calls;
using Tollgate.Switch.Control;
using Tollgate.Switch.Registration;

namespace Tollgate.Switch;

/// <summary>The switch role: the SIP stack on its transports, the registrar, and the B2BUA with its live calls.</summary>
/// <remarks>
/// <para>Requests arrive on the transports' receive threads and must not wait there: REGISTER and new INVITEs, which
/// ask billing (the database), are handled on the thread pool; in-dialog requests go to their call, which answers at
/// once or starts asynchronous work. OPTIONS outside a dialog (a trunk or phone checking the switch is up) gets 200.</para>
/// <para>Stopping cancels calls still ringing, ends connected calls with BYE (reason <c>shutdown</c>) and waits, up to
/// ten seconds, for their CDRs to be stored.</para>
/// </remarks>
public sealed class SwitchService : IHostedService, IAsyncDisposable
{
    private readonly SwitchContext _context;
    private readonly Registrar _registrar;
    private readonly CallSetup _setup;
    private readonly ILogger<SwitchService> _logger;
    private bool _started;

    public SwitchService(SwitchOptions options, ISwitchBilling billing, ISipRegistrationStore registrations, TimeProvider clock,
        IRandomSource random, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sipRandom = new SipRandomAdapter(random);
        var stack = new SipStack(new SipStackOptions
        {
            ListenEndpoints = options.ListenEndpoints,
            AdvertisedHost = options.AdvertisedHost,
            Timers = options.Timers,
            AllowedMethods = SwitchContext.LegMethods | SipMethodSet.Register,
            UserAgent = options.UserAgent,
        }, clock, sipRandom, loggers);
        var authenticator = new DigestAuthenticator(options.NonceKey, clock, sipRandom, algorithms: options.DigestAlgorithms);
        _context = new SwitchContext(stack, billing, registrations, clock, options, authenticator, loggers);
        var authentication = new SipAuthentication(_context);
        _registrar = new Registrar(_context, authentication);
        _setup = new CallSetup(_context, authentication);
        Control = new CallControl(_context);
        _logger = loggers.CreateLogger<SwitchService>();
        stack.RequestReceived += OnRequest;
        stack.AckTimedOut += OnAckTimedOut;
    }

    /// <summary>Where SIP listens, as <c>udp:127.0.0.1:5060</c>; the actual ports once started (port 0 picks one).</summary>
    public IReadOnlyList<string> Listening =>
        _context.Stack.Transports.Select(t => $"{t.Kind.ViaName().ToLowerInvariant()}:{t.LocalEndPoint}").ToList();

    /// <summary>Drives calls from outside: lists them, places click-to-dial calls, disconnects and transfers, reports changes.</summary>
    public CallControl Control { get; }

    /// <summary>The calls connected now.</summary>
    public IReadOnlyList<LiveCall> Calls => _context.Calls.Snapshot();

    public int ConnectedCallCount => _context.Calls.ConnectedCount;

    public int RingingCallCount => _context.Calls.SettingUpCount;

    /// <summary>The SIP stack's own counters: dialogs and transactions alive.</summary>
    public (int Dialogs, int Transactions) StackCounts =>
        (_context.Stack.DialogCount, _context.Stack.Transactions.ClientTransactionCount + _context.Stack.Transactions.ServerTransactionCount);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _context.Stack.Start();
        }
        catch (SocketException e)
        {
            throw new SwitchListenException(
                $"cannot listen for SIP on {string.Join(", ", _context.Options.ListenEndpoints)}: {e.Message}", e);
        }

        _started = true;
        _logger.LogInformation("SIP listening on {Endpoints}", string.Join(", ", Listening));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_started) return;
        _started = false;
        await _context.Calls.ShutdownAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync() => await _context.Stack.DisposeAsync();

    private void OnRequest(IncomingRequest incoming)
    {
        var method = incoming.Request.Method;
        if (incoming.Dialog is { } dialog)
        {
            if (dialog.UserState is CallLeg leg)
            {
                leg.Call.OnRequest(leg, incoming);
            }
            else if (dialog.UserState is IDialogOwner owner)
            {
                owner.OnRequest(dialog, incoming);
            }
            else if (method != SipMethod.Ack)
            {
                // The dialog was answered this instant and is not linked to its call yet. A BYE has already ended the
                // dialog in the stack, which the call setup notices; anything else may try again in a moment.
                incoming.Respond(method == SipMethod.Bye ? SipStatusCodes.Ok
                    : method == SipMethod.Invite || method == SipMethod.Update ? SipStatusCodes.RequestPending
                    : SipStatusCodes.CallOrTransactionDoesNotExist);
            }

            return;
        }

        if (method == SipMethod.Invite)
        {
            _ = Task.Run(() => _setup.HandleAsync(incoming));
        }
        else if (method == SipMethod.Register)
        {
            _ = Task.Run(() => _registrar.HandleAsync(incoming));
        }
        else if (method == SipMethod.Options)
        {
            incoming.Respond(incoming.CreateResponse(SipStatusCodes.Ok)
                .AddHeader(KnownHeader.Allow, (SwitchContext.LegMethods | SipMethodSet.Register).ToHeaderValue())
                .AddHeader(KnownHeader.Accept, "application/sdp"));
        }
        else
        {
            incoming.Respond(SipStatusCodes.CallOrTransactionDoesNotExist);
        }
    }

    private void OnAckTimedOut(SipDialog dialog)
    {
        if (dialog.UserState is CallLeg leg) _ = leg.Call.EndAsync(DisconnectReasons.NoAck, leg.Side);
    }
}

/// <summary>The switch could not bind one of its SIP transports (the address is in use or not local).</summary>
public sealed class SwitchListenException(string message, Exception inner) : Exception(message, inner);
