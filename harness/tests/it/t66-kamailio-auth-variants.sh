# The variants of fixtures/kamailio/auth.cfg against plain SIPp 3.6.1:
# auth-407.cfg challenges as a proxy (407, Proxy-Authenticate; SIPp answers
# with Proxy-Authorization), auth-noqop.cfg without qop (RFC 2069 form),
# auth-sha256.cfg with algorithm=SHA-256, which SIPp 3.6.1 cannot answer.
. "$IT_DIR/lib.sh"
. "$REPO/fixtures/kamailio/trace.sh"
set -e


# 407: credentials go in Proxy-Authorization; INVITE over TCP IPv6.
kam_start "$KAM/auth-407.cfg"
uac_run -m MESSAGE "$SUT_PORT" "$KAM/manual/auth-request.xml" -key ruri sip:moved@example.com -au tester -ap s3cret
trace_expect "407 MESSAGE moved" "407 301"
case $(trace_hdr "$TRACE" 2 Proxy-Authenticate) in
'Digest realm="sipconform.test", nonce="'*'", qop="auth"') ;;
*) fail "407 without Proxy-Authenticate" ;;
esac
[ -n "$(trace_hdr "$TRACE" 3 Proxy-Authorization)" ] || fail "no Proxy-Authorization"
[ -z "$(trace_hdr "$TRACE" 3 Authorization)" ] || fail "Authorization after a 407"
uac_run -6 -t t1 "$SUT_PORT" "$KAM/manual/auth-invite.xml" -key ruri sip:nomethods@example.com -au tester -ap s3cret
[ "$UAC_RC" = 0 ] || fail "407 INVITE: sipp exit $UAC_RC"
trace_expect "407 INVITE nomethods" "407 486"
[ "$(trace_hdr "$TRACE" 3 CSeq)" = "1 ACK" ] && [ "$(trace_hdr "$TRACE" 6 CSeq)" = "2 ACK" ] || fail "407 INVITE ACKs"
uac_run -m MESSAGE "$SUT_PORT" "$KAM/manual/auth-request.xml" -key ruri sip:moved@example.com -au tester -ap wrong
trace_expect "407 wrong password" "407 407"
kam_stop

# No qop: the answer has no qop, cnonce or nc.
kam_start "$KAM/auth-noqop.cfg"
uac_run -m MESSAGE "$SUT_PORT" "$KAM/manual/auth-request.xml" -key ruri sip:moved@example.com -au tester -ap s3cret
trace_expect "no qop" "401 301"
case $(trace_hdr "$TRACE" 2 WWW-Authenticate) in *qop*) fail "challenge has a qop" ;; esac
case $(trace_hdr "$TRACE" 3 Authorization) in
*qop* | *cnonce* | *nc=*) fail "answer has qop/cnonce/nc: $(trace_hdr "$TRACE" 3 Authorization)" ;;
*'response="'*) ;;
*) fail "no response" ;;
esac
kam_stop

# SHA-256: SIPp gives up after the challenge; no second request is sent.
kam_start "$KAM/auth-sha256.cfg"
uac_run -m MESSAGE "$SUT_PORT" "$KAM/manual/auth-request.xml" -key ruri sip:moved@example.com -au tester -ap s3cret
[ "$UAC_RC" != 0 ] || fail "SIPp answered a SHA-256 challenge"
trace_expect "SHA-256" "401"
case $(trace_hdr "$TRACE" 2 WWW-Authenticate) in *'algorithm=SHA-256'*) ;; *) fail "no SHA-256 challenge" ;; esac
[ "$(trace_flow "$TRACE" | grep -o '> MESSAGE' | wc -l)" = 1 ] || fail "a second MESSAGE was sent"
assert_grep "$TRACE.err" "createAuthHeader: authentication must use MD5 or AKAv1-MD5"
kam_stop
