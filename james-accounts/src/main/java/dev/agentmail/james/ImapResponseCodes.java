package dev.agentmail.james;

import org.apache.james.imap.api.message.response.StatusResponse;

import java.lang.reflect.Constructor;

/** RFC 5530 response codes that James 3.8.1 lacks. */
final class ImapResponseCodes {
    static final StatusResponse.ResponseCode PRIVACY_REQUIRED = rfc5530("PRIVACYREQUIRED");
    static final StatusResponse.ResponseCode UNAVAILABLE = rfc5530("UNAVAILABLE");
    static final StatusResponse.ResponseCode AUTHENTICATION_FAILED = rfc5530("AUTHENTICATIONFAILED");
    static final StatusResponse.ResponseCode NO_PERMISSION = rfc5530("NOPERM");

    private ImapResponseCodes() {
    }

    /**
     * James makes codes outside its list only as {@code X}-extensions, so the ones it lacks are built through its
     * private constructor; should that ever fail, clients still get {@code [X<name>]}.
     */
    private static StatusResponse.ResponseCode rfc5530(String name) {
        try {
            Constructor<StatusResponse.ResponseCode> constructor =
                StatusResponse.ResponseCode.class.getDeclaredConstructor(String.class);
            constructor.setAccessible(true);
            return constructor.newInstance(name);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return StatusResponse.ResponseCode.createExtension(name);
        }
    }
}
