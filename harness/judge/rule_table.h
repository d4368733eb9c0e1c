/*
 * rule_table.h - the check catalogue as one X-macro list, RULE_LIST.
 * Included by rule.h (enum rule_id) and rule.c (struct rule rows and the
 * private table of rule functions), so the list exists once and the
 * enum, the rows and the functions cannot drift apart.
 *
 * Columns: enum name (RULE_<name>), the check catalogue number (0: not in it),
 * function (NULL: judged across exchanges by cross.c / the runner, listed
 * so the id is fixed), id, RFC 3261 section, level (RULE_<level>),
 * warn_only, scope (RULE_SCOPE_<scope>: which expectations run it, see
 * expect.c), kind (RULE_<kind>: an RFC check or the suite's own
 * expectation), header at fault, statement of the requirement.
 *
 * Ids are RFC3261-<section>-<NAME>; checks that compare against the
 * suite's own expectation are SIPCONFORM-<section>-<NAME>.  Never rename
 * an id: reports, suites and waivers refer to them.  Order is report order.
 */
#ifndef SIPCONFORM_RULE_TABLE_H
#define SIPCONFORM_RULE_TABLE_H

#define RULE_LIST(X) \
	/* 2.1 common to every response */ \
	X(START_LINE, 1, rule_start_line, "RFC3261-7.2-START-LINE", "7.2", MUST, false, ANY, RFC, "", \
	  "Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF, version sent upper-case \"SIP/2.0\" (§7.1, §7.2)") \
	X(STATUS_CODE, 2, rule_status_code, "RFC3261-7.2-STATUS-CODE", "7.2", DERIVED, false, ANY, RFC, "", \
	  "the status code is the one the suite expects (200 to OPTIONS, 301, 302, 405, 501); the reason phrase is not judged (§7.2)") \
	X(REASON_PHRASE, 2, rule_reason_phrase, "RFC3261-21-REASON-PHRASE", "21", INFO, false, ANY, RFC, "", \
	  "the Reason-Phrase is for humans; a UAC uses the code only (§7.2, §21): recorded, never judged") \
	X(CRLF, 3, rule_crlf, "RFC3261-7-CRLF", "7", MUST, false, ANY, RFC, "", \
	  "the start line and each header line MUST be terminated by CRLF, and the empty line MUST be present (§7)") \
	X(HEADER_SYNTAX, 4, rule_header_syntax, "RFC3261-7.3-HEADER-SYNTAX", "7.3", MUST, false, ANY, RFC, "", \
	  "every header row is a message-header (token name, HCOLON, no control bytes) and every known header field parses per §25 after unfolding, compact forms included (§7.3.1, §7.3.3)") \
	X(SINGLE_VALUED, 5, rule_single_valued, "RFC3261-7.3.1-SINGLE-VALUED", "7.3.1", MUST, false, ANY, RFC, "", \
	  "From, To, Call-ID and CSeq appear exactly once with one value, Content-Length at most once (§7.3.1, §8.1.1)") \
	X(FROM_ECHO, 6, rule_from_echo, "RFC3261-8.2.6.2-FROM-ECHO", "8.2.6.2", MUST, false, ANY, RFC, "From", \
	  "\"The From field of the response MUST equal the From header field of the request.\"") \
	X(CALLID_ECHO, 7, rule_callid_echo, "RFC3261-8.2.6.2-CALLID-ECHO", "8.2.6.2", MUST, false, ANY, RFC, "Call-ID", \
	  "\"The Call-ID header field of the response MUST equal the Call-ID header field of the request.\"") \
	X(CSEQ_ECHO, 8, rule_cseq_echo, "RFC3261-8.2.6.2-CSEQ-ECHO", "8.2.6.2", MUST, false, ANY, RFC, "CSeq", \
	  "\"The CSeq header field of the response MUST equal the CSeq field of the request.\"") \
	X(VIA_ECHO, 9, rule_via_echo, "RFC3261-8.2.6.2-VIA-ECHO", "8.2.6.2", MUST, false, ANY, RFC, "Via", \
	  "\"The Via header field values in the response MUST equal the Via header field values in the request and MUST maintain the same ordering.\"") \
	X(TO_TAG, 10, rule_to_tag, "RFC3261-8.2.6.2-TO-TAG", "8.2.6.2", MUST, false, ANY, RFC, "To", \
	  "To equals the request's To if it had a tag; else the To URI is equal and \"the UAS MUST add a tag to the To header field\"") \
	X(RETRANSMIT_SAME, 11, NULL, "RFC3261-17.2.2-RETRANSMIT-SAME", "17.2.2", MUST, false, ANY, RFC, "", \
	  "a retransmitted request gets the same final response again, with the same To tag (§17.2.2, §8.2.6.2)") \
	X(FINAL_CONSISTENT, 0, NULL, "RFC3261-17.1-FINAL-CONSISTENT", "17.1", MUST, false, ANY, RFC, "", \
	  "\"Any other final responses passed by the TU to the server transaction MUST be discarded while in the 'Completed' state\" (§17.2.2, §17.2.1): the first final response ends the client transaction (§17.1), every later one repeats its status, Contact set and Allow set") \
	X(CONTENT_LENGTH, 12, rule_content_length, "RFC3261-20.14-CONTENT-LENGTH", "20.14", MUST, false, ANY, RFC, "Content-Length", \
	  "Content-Length MUST be present over stream transports and SHOULD be over UDP, and equals the body octets (§18.3, §20.14)") \
	X(CONTENT_TYPE, 13, rule_content_type, "RFC3261-7.4.1-CONTENT-TYPE", "7.4.1", MUST, false, ANY, RFC, "Content-Type", \
	  "\"If the body is not empty, the Content-Type header field MUST be present\" (§7.4.1, §20.15)") \
	X(NO_REQUIRE, 17, rule_require, "RFC3261-8.2.4-NO-REQUIRE", "8.2.4", MUST, false, ANY, RFC, "Require", \
	  "a response carries no Require for an extension the request did not list in Supported (§8.2.4)") \
	X(NO_ANSWER, 0, NULL, "RFC3261-17.1-NO-ANSWER", "17.1", MUST, false, ANY, RFC, "", \
	  "a SUT that answered OPTIONS answers every request: no final response within the transaction timeout (§17.1.1.2 Timer B, §17.1.2.2 Timer F) is a fault (§8.2, §17.2)") \
	/* 2.2 redirects: 301 Moved Permanently, 302 Moved Temporarily */ \
	X(CONTACT_PRESENT_301, 19, rule_contact_present, "RFC3261-21.3.2-CONTACT-PRESENT", "21.3.2", DERIVED, false, PERMANENT, RFC, "Contact", \
	  "a 301 gives the new address in Contact: the client \"SHOULD retry at the new address given by the Contact header field\" (§21.3.2, §13.3.1.2; project rule: FAIL)") \
	X(CONTACT_PRESENT_302, 0, rule_contact_present, "RFC3261-21.3.3-CONTACT-PRESENT", "21.3.3", DERIVED, false, TEMPORARY, RFC, "Contact", \
	  "a 302 gives the new address(es) in Contact: the client \"SHOULD retry the request at the new address(es) given by the Contact header field\" (§21.3.3, §8.3; project rule: FAIL)") \
	X(CONTACT_SYNTAX, 20, rule_contact_syntax, "RFC3261-20.10-CONTACT-SYNTAX", "20.10", MUST, false, REDIRECT, RFC, "Contact", \
	  "Contact = (\"Contact\" / \"m\") HCOLON (STAR / (contact-param *(COMMA contact-param))) (§20.10, §25)") \
	X(CONTACT_NOT_STAR, 21, rule_contact_not_star, "RFC3261-10.2.2-CONTACT-NOT-STAR", "10.2.2", MUST, false, REDIRECT, RFC, "Contact", \
	  "Contact \"*\" is only for REGISTER with Expires: 0 (§10.2.2); a redirect MUST give addresses") \
	X(CONTACT_NAME_ADDR, 22, rule_contact_name_addr, "RFC3261-20.10-CONTACT-NAME-ADDR", "20.10", MUST, false, REDIRECT, RFC, "Contact", \
	  "\"if the URI contains a comma, question mark or semicolon, the URI MUST be enclosed in angle brackets\" (§20.10)") \
	X(CONTACT_URI_SYNTAX, 23, rule_contact_uri, "RFC3261-25-CONTACT-URI-SYNTAX", "25", MUST, false, REDIRECT, RFC, "Contact", \
	  "each Contact URI is a valid SIP-URI, SIPS-URI or absoluteURI (§19.1, §25; RFC 5118 for IPv6)") \
	X(CONTACT_NOT_RURI, 24, rule_contact_not_ruri, "RFC3261-8.3-CONTACT-NOT-RURI", "8.3", MUST, false, REDIRECT, RFC, "Contact", \
	  "\"the locations it returns in the Contact header field MUST NOT be ... equivalent to the Request-URI\" under §19.1.4 (§8.3)") \
	X(CONTACT_NO_METHOD_LR, 25, rule_contact_method_lr, "RFC3261-19.1.1-CONTACT-NO-METHOD-LR", "19.1.1", SHOULD, true, REDIRECT, RFC, "Contact", \
	  "method and lr URI parameters are not allowed in a redirect Contact (§19.1.1 Table 1)") \
	X(CONTACT_Q_EXPIRES, 26, rule_contact_q_expires, "RFC3261-20.10-CONTACT-Q-EXPIRES", "20.10", MUST, false, REDIRECT, RFC, "Contact", \
	  "c-p-q = \"q\" EQUAL qvalue (0 to 1, at most 3 decimals), c-p-expires = \"expires\" EQUAL delta-seconds (§20.10, §25)") \
	X(CONTACT_PARAM_UNIQUE, 27, rule_contact_param_dup, "RFC3261-7.3.1-CONTACT-PARAM-UNIQUE", "7.3.1", MUST, false, REDIRECT, RFC, "Contact", \
	  "\"any given parameter-name MUST NOT appear more than once\" (§7.3.1 header parameters, §19.1.1 URI parameters)") \
	X(CONTACT_UNIQUE, 28, rule_contact_dup, "RFC3261-16.5-CONTACT-UNIQUE", "16.5", DERIVED, true, REDIRECT, RFC, "Contact", \
	  "no URI appears twice in Contact (§19.1.4 equality): \"any given URI MUST NOT be added to the set more than once\" (§16.5)") \
	X(SIPS_KEPT, 29, rule_contact_sips, "RFC3261-8.1.3.4-SIPS-KEPT", "8.1.3.4", DERIVED, true, REDIRECT, RFC, "Contact", \
	  "a sips: Request-URI is redirected to sips: URIs (§8.1.3.4 inform the user of an insecure URI, §16.7 SHOULD NOT recurse to non-SIPS)") \
	X(PERMANENT_STABLE, 30, NULL, "RFC3261-21.3.2-PERMANENT-STABLE", "21.3.2", DERIVED, false, PERMANENT, RFC, "Contact", \
	  "fresh transactions to the same Request-URI all get 301 with the same Contact set (§21.3.2 \"redirect future requests\")") \
	X(PERMANENT_METHODS, 31, NULL, "RFC3261-21.3.2-PERMANENT-METHODS", "21.3.2", DERIVED, false, PERMANENT, RFC, "Contact", \
	  "every method (except ACK, CANCEL) to the same Request-URI gets 301 with the same Contact set (§21.3.2, §8.3)") \
	X(PERMANENT_TRANSPORTS, 32, NULL, "RFC3261-21.3.2-PERMANENT-TRANSPORTS", "21.3.2", DERIVED, false, PERMANENT, RFC, "Contact", \
	  "UDP and TCP requests to the same Request-URI get the same redirect (§21.3.2)") \
	X(PERMANENT_EXPIRES, 33, rule_contact_expires0, "RFC3261-21.3.2-PERMANENT-EXPIRES", "21.3.2", DERIVED, true, PERMANENT, RFC, "Contact", \
	  "a permanent redirect whose every contact expires at once (expires=0) contradicts itself (§8.3 expires vs §21.3.2)") \
	X(NO_REDIRECT_LOOP, 34, NULL, "RFC3261-8.3-NO-REDIRECT-LOOP", "8.3", DERIVED, false, REDIRECT, RFC, "Contact", \
	  "following the contacts (§8.1.3.4) never leads back to a URI already in the target set (§8.3, §16.5)") \
	X(EXPECT_CONTACT, 0, rule_expect_contact, "SIPCONFORM-19.1.4-EXPECT-CONTACT", "19.1.4", DERIVED, false, REDIRECT, EXPECTATION, "Contact", \
	  "the Contact set equals the suite's 'contact' list under §19.1.4 URI equality (order, q and expires ignored)") \
	/* 2.3 405 Method Not Allowed */ \
	X(ALLOW_PRESENT, 37, rule_allow_present, "RFC3261-21.4.6-ALLOW-PRESENT", "21.4.6", MUST, false, ALLOW, RFC, "Allow", \
	  "\"The response MUST include an Allow header field containing a list of valid methods for the indicated address.\" (§21.4.6, §8.2.1)") \
	X(ALLOW_SYNTAX, 38, rule_allow_syntax, "RFC3261-20.5-ALLOW-SYNTAX", "20.5", MUST, false, ALLOW_LIST, RFC, "Allow", \
	  "Allow = \"Allow\" HCOLON [Method *(COMMA Method)], several rows combined (§20.5, §7.3.1, §25)") \
	X(ALLOW_EXCLUDES_METHOD, 39, rule_allow_excludes, "RFC3261-21.4.6-ALLOW-EXCLUDES-METHOD", "21.4.6", DERIVED, false, ALLOW, RFC, "Allow", \
	  "the refused method is \"not allowed for the address\", so Allow, the \"list of valid methods\", does not list it (§21.4.6)") \
	X(ALLOW_NON_EMPTY, 40, rule_allow_non_empty, "RFC3261-8.2.1-ALLOW-NON-EMPTY", "8.2.1", DERIVED, true, ALLOW, RFC, "Allow", \
	  "the 405 \"MUST list the set of methods supported by the UAS\" (§8.2.1): an empty Allow gives no alternative") \
	X(ALLOW_ACK_CANCEL, 41, rule_allow_ack_cancel, "RFC3261-20.5-ALLOW-ACK-CANCEL", "20.5", DERIVED, false, ALLOW, RFC, "Allow", \
	  "\"All methods, including ACK and CANCEL, understood by the UA MUST be included\": INVITE implies ACK and CANCEL (§20.5)") \
	X(ALLOW_OPTIONS, 42, rule_allow_options, "RFC3261-11-ALLOW-OPTIONS", "11", DERIVED, true, ALLOW, RFC, "Allow", \
	  "\"All UAs MUST support the OPTIONS method\" (§11), so a UA's Allow lists OPTIONS (§20.5)") \
	X(ALLOW_METHOD_CASE, 43, rule_allow_case, "RFC3261-25-ALLOW-METHOD-CASE", "25", DERIVED, true, ALLOW, RFC, "Allow", \
	  "methods are case-sensitive tokens; core methods are upper-case (§25 %x literals): \"invite\" is another, unknown method") \
	X(ALLOW_UNIQUE, 43, rule_allow_dup, "RFC3261-20.5-ALLOW-UNIQUE", "20.5", DERIVED, true, ALLOW, RFC, "Allow", \
	  "Allow lists each method once (§20.5)") \
	X(ALLOW_MATCHES_OPTIONS, 44, NULL, "RFC3261-21.4.6-ALLOW-MATCHES-OPTIONS", "21.4.6", DERIVED, false, ALLOW, RFC, "Allow", \
	  "the Allow of the 405 equals the Allow of the 200 OK to OPTIONS for the same Request-URI (§11.2, §20.5)") \
	X(ALLOWED_NOT_REFUSED, 0, NULL, "RFC3261-21.4.6-ALLOWED-NOT-REFUSED", "21.4.6", DERIVED, false, ALLOW, RFC, "Allow", \
	  "a method the 405's Allow lists as valid for the address is not itself refused with 405 there (§21.4.6)") \
	X(ALLOW_STABLE, 45, NULL, "RFC3261-21.4.6-ALLOW-STABLE", "21.4.6", DERIVED, false, ALLOW, RFC, "Allow", \
	  "fresh requests to the same Request-URI get 405 with the same Allow set (§21.4.6)") \
	X(EXPECT_ALLOW, 0, rule_expect_allow, "SIPCONFORM-21.4.6-EXPECT-ALLOW", "21.4.6", DERIVED, false, ALLOW, EXPECTATION, "Allow", \
	  "the Allow set equals the suite's 'allow' list exactly (case-sensitive methods, order ignored)") \
	/* 501 Not Implemented */ \
	X(501_NOT_405, 46, rule_501_not_405, "RFC3261-21.5.2-501-NOT-405", "21.5.2", MUST, false, NOT_IMPL, RFC, "", \
	  "an unrecognised method gets 501, \"a 405 (Method Not Allowed) is sent when the server recognizes the request method\" (§21.5.2, §8.2.1)") \
	X(405_FOR_KNOWN, 46, NULL, "RFC3261-21.5.2-405-FOR-KNOWN", "21.5.2", MUST, false, ALLOW, RFC, "", \
	  "the same SUT answers 405 to a recognised method and 501 to an unrecognised one (§8.2.1, §21.5.2)") \
	X(501_BUT_ALLOWED, 0, NULL, "RFC3261-21.5.2-501-BUT-ALLOWED", "21.5.2", MUST, false, NOT_IMPL, RFC, "", \
	  "a method the SUT's own OPTIONS Allow lists is recognised: refusing it is 405, not 501 (§8.2.1, §20.5, §21.5.2)") \
	/* 200 OK to OPTIONS */ \
	X(OPTIONS_ALLOW_PRESENT, 0, rule_allow_present, "RFC3261-11.2-ALLOW-PRESENT", "11.2", SHOULD, true, OPTIONS, RFC, "Allow", \
	  "\"Allow, Accept, Accept-Encoding, Accept-Language, and Supported header fields SHOULD be present in a 200 (OK) response to an OPTIONS request\" (§11.2)")

#endif
