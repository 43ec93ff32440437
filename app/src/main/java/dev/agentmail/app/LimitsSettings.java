package dev.agentmail.app;

import dev.agentmail.api.ApiServerSettings;
import dev.agentmail.domain.service.LoginThrottle;
import dev.agentmail.domain.service.SendLimitSettings;

import java.util.Optional;

/**
 * Limits against abuse: connections per listener (overall and per client address, 0 for none), recipients per
 * message and messages per SMTP connection, failed logins per address, the operator token of WebAdmin, and the
 * default sending limits and loop breaker.
 */
record LimitsSettings(int connections, int connectionsPerIp, int recipientsPerMessage, int messagesPerConnection,
                      LoginThrottle.Settings loginThrottle, Optional<Secret> adminToken, SendLimitSettings sending) {

    static LimitsSettings fromEnvironment(EnvironmentSettings env) {
        return new LimitsSettings(
            env.integer("AGENTMAIL_CONNECTION_LIMIT", 500, 0, 1_000_000),
            env.integer("AGENTMAIL_CONNECTION_LIMIT_PER_IP", 20, 0, 1_000_000),
            env.integer("AGENTMAIL_MAX_RECIPIENTS", 100, 1, 100_000),
            env.integer("AGENTMAIL_MAX_MESSAGES_PER_CONNECTION", 100, 1, 1_000_000),
            new LoginThrottle.Settings(env.integer("AGENTMAIL_LOGIN_FAILURES", 10, 1, 1_000_000),
                env.seconds("AGENTMAIL_LOGIN_FAILURE_WINDOW_SECONDS", 300, 1, 86400),
                env.seconds("AGENTMAIL_LOGIN_LOCKOUT_SECONDS", 300, 1, 86400)),
            env.secret("AGENTMAIL_ADMIN_TOKEN").map(LimitsSettings::sharedSecret),
            sendLimits(env));
    }

    /** Both variables together: a bad value of either stops the start, named. */
    private static SendLimitSettings sendLimits(EnvironmentSettings env) {
        int threadLimit = env.integer("AGENTMAIL_THREAD_SEND_LIMIT", SendLimitSettings.DEFAULT_THREAD_PER_HOUR, 0,
            SendLimitSettings.MAX_LIMIT);
        return env.parsed("AGENTMAIL_SEND_LIMITS", SendLimitSettings.DEFAULT,
            limits -> SendLimitSettings.parse(limits, threadLimit));
    }

    /** The REST API's share: the same connection limits as the mail listeners. */
    ApiServerSettings.ConnectionLimits apiConnections() {
        return new ApiServerSettings.ConnectionLimits(connections, connectionsPerIp);
    }

    /** Long enough not to be guessed, printable so that it fits in a header; the message never repeats it. */
    private static Secret sharedSecret(Secret token) {
        if (token.value().length() < 16 || !token.value().matches("[\\x21-\\x7e]+")) {
            throw new IllegalArgumentException("AGENTMAIL_ADMIN_TOKEN must be at least 16 printable characters without spaces");
        }
        return token;
    }
}
