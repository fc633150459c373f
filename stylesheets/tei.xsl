<?xml version="1.0" encoding="UTF-8"?>
<!--
  @brief TEI P5 interview transcript → an HTML fragment: header, participants,
  setting, then the utterances with their speakers.

  Anchors: the rule of indexer/extract_tei.cc, step by step.
    - Utterances are all u elements of the first text element, in document
      order; N is an utterance's 1-based position among them (every u
      counts, spoken or not).
    - A u is a unit only if some word is spoken: text outside note,
      spanGrp, incident, vocal, kinesic, pause and gap.
    - Its block is the nearest annotationBlock or annotationBloc (older
      teiCorpo).
    - Its anchor is the first non-empty of u/@xml:id, u/@id, the block's
      @xml:id, the block's @id; else "u_N"; "u_N" too when an earlier unit
      already took that id, and "u_N_2", "u_N_3"… when "u_N" itself was
      taken.
  The last clause makes the rule sequential: "akn-dedup"-style bisection
  over the spoken utterances (template tei-dedup) carries the set of anchors
  taken so far, with recursion depth log2(n) rather than n.
  Speaker: u/@who, else the block's @who, first pointer, '#' removed; the
  participant is person/@xml:id, else person/@id, else altGrp/alt/@type
  (teiCorpo files); unknown ids are shown as they are.
  Elements are matched by local name where the extractor does so (text,
  u, annotationBlock, annotationBloc, spanGrp), so both always agree on what an utterance is.
  MUST CHANGE TOGETHER with extract_tei.cc (tests/render_test.cc checks
  every anchor of every transcript).
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:tei="http://www.tei-c.org/ns/1.0"
                xmlns:lx="http://xmlsoft.org/XSLT/namespace"
                exclude-result-prefixes="tei lx">

  <xsl:include href="common.xsl"/>

  <xsl:variable name="file-desc" select="/*/tei:teiHeader[1]/tei:fileDesc[1]"/>
  <xsl:variable name="profile" select="/*/tei:teiHeader[1]/tei:profileDesc[1]"/>
  <xsl:variable name="persons" select="$profile/tei:particDesc[1]//tei:person"/>
  <xsl:variable name="text" select="/*/*[local-name() = 'text'][1]"/>
  <xsl:variable name="utterances" select="$text//*[local-name() = 'u']"/>

  <!-- A participant by id (person/@xml:id, else @id, else altGrp/alt/@type). -->
  <xsl:key name="person" match="tei:person"
           use="concat(@xml:id, substring(@id, 1 div not(string(@xml:id))),
                       substring(tei:altGrp[1]/tei:alt[1]/@type, 1 div not(string(@xml:id) or string(@id))))"/>

  <!-- ===== Anchors ===== -->

  <!-- One <c> per spoken utterance, in document order: g = generate-id,
       pos = N, id = the utterance's own id or its block's. -->
  <xsl:variable name="calls-rtf">
    <xsl:for-each select="$utterances">
      <xsl:variable name="depth" select="count(ancestor::*)"/>
      <xsl:if test=".//text()[normalize-space()]
                      [not(ancestor::*[count(ancestor::*) &gt; $depth]
                           [local-name() = 'note' or local-name() = 'spanGrp' or local-name() = 'incident'
                            or local-name() = 'vocal' or local-name() = 'kinesic' or local-name() = 'pause'
                            or local-name() = 'gap'])]">
        <xsl:variable name="block"
                      select="ancestor::*[local-name() = 'annotationBlock' or local-name() = 'annotationBloc'][1]"/>
        <c g="{generate-id()}" pos="{position()}">
          <xsl:attribute name="id">
            <xsl:choose>
              <xsl:when test="string(@xml:id) != ''"><xsl:value-of select="@xml:id"/></xsl:when>
              <xsl:when test="string(@id) != ''"><xsl:value-of select="@id"/></xsl:when>
              <xsl:when test="string($block/@xml:id) != ''"><xsl:value-of select="$block/@xml:id"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="$block/@id"/></xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
        </c>
      </xsl:if>
    </xsl:for-each>
  </xsl:variable>

  <xsl:variable name="anchors-rtf">
    <xsl:call-template name="tei-dedup">
      <xsl:with-param name="calls" select="lx:node-set($calls-rtf)/c"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="anchors" select="lx:node-set($anchors-rtf)/a"/>
  <xsl:key name="anchor" match="a" use="@g"/>

  <!-- <a g="…">anchor</a> for each call, in order. `used` is "|a|b|…|",
       the anchors taken before the first call. Halves are processed in
       order, the left one's anchors added to `used` for the right one. -->
  <xsl:template name="tei-dedup">
    <xsl:param name="calls"/>
    <xsl:param name="used" select="'|'"/>
    <xsl:variable name="n" select="count($calls)"/>
    <xsl:choose>
      <xsl:when test="$n = 1">
        <a g="{$calls/@g}">
          <xsl:choose>
            <xsl:when test="$calls/@id != '' and not(contains($used, concat('|', $calls/@id, '|')))">
              <xsl:value-of select="$calls/@id"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="tei-numbered">
                <xsl:with-param name="base" select="concat('u_', $calls/@pos)"/>
                <xsl:with-param name="used" select="$used"/>
                <xsl:with-param name="i" select="1"/>
              </xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </a>
      </xsl:when>
      <xsl:when test="$n &gt; 1">
        <xsl:variable name="half" select="floor($n div 2)"/>
        <xsl:variable name="left-rtf">
          <xsl:call-template name="tei-dedup">
            <xsl:with-param name="calls" select="$calls[position() &lt;= $half]"/>
            <xsl:with-param name="used" select="$used"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="left" select="lx:node-set($left-rtf)/a"/>
        <xsl:copy-of select="$left"/>
        <xsl:variable name="used-right">
          <xsl:value-of select="$used"/>
          <xsl:for-each select="$left"><xsl:value-of select="concat(., '|')"/></xsl:for-each>
        </xsl:variable>
        <xsl:call-template name="tei-dedup">
          <xsl:with-param name="calls" select="$calls[position() &gt; $half]"/>
          <xsl:with-param name="used" select="string($used-right)"/>
        </xsl:call-template>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- `base` when it is free, else base_2, base_3… (i = 1 tries `base`). -->
  <xsl:template name="tei-numbered">
    <xsl:param name="base"/>
    <xsl:param name="used"/>
    <xsl:param name="i"/>
    <xsl:variable name="candidate">
      <xsl:choose>
        <xsl:when test="$i = 1"><xsl:value-of select="$base"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="concat($base, '_', $i)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="not(contains($used, concat('|', $candidate, '|')))"><xsl:value-of select="$candidate"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tei-numbered">
          <xsl:with-param name="base" select="$base"/>
          <xsl:with-param name="used" select="$used"/>
          <xsl:with-param name="i" select="$i + 1"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Page ===== -->

  <xsl:template match="/">
    <xsl:variable name="title" select="($file-desc/tei:titleStmt//tei:title[normalize-space()])[1]"/>
    <xsl:variable name="demo" select="$file-desc/tei:notesStmt//tei:note[@type = 'demonstration']"/>
    <xsl:variable name="setting-date" select="($profile/tei:settingDesc//tei:setting/tei:date[1])[1]"/>
    <article class="doc doc-entretien">
      <xsl:call-template name="doc-header">
        <xsl:with-param name="type-label" select="'Entretien'"/>
        <xsl:with-param name="title">
          <xsl:choose>
            <xsl:when test="$title"><xsl:value-of select="$title"/></xsl:when>
            <xsl:when test="string(/*/@xml:id) != ''"><xsl:value-of select="/*/@xml:id"/></xsl:when>
            <xsl:otherwise>Entretien</xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
        <xsl:with-param name="date">
          <xsl:choose>
            <xsl:when test="string($setting-date/@when) != ''"><xsl:value-of select="$setting-date/@when"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$setting-date"/></xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
        <xsl:with-param name="demo" select="boolean($demo)"/>
        <xsl:with-param name="notice" select="$demo[last()]"/>
      </xsl:call-template>
      <xsl:call-template name="facts"/>
      <xsl:if test="$persons">
        <section class="participants">
          <h2>Participants</h2>
          <ul>
            <xsl:for-each select="$persons">
              <li>
                <xsl:call-template name="person-name"/>
                <xsl:variable name="affiliation" select="normalize-space(tei:affiliation[1])"/>
                <xsl:if test="$affiliation != ''">, <xsl:value-of select="$affiliation"/></xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </section>
      </xsl:if>
      <!-- The transcript's language, for screen readers (the page's own
           labels are French). -->
      <xsl:variable name="lang" select="normalize-space(concat(/*/@xml:lang, substring($text/@xml:lang, 1 div not(normalize-space(/*/@xml:lang)))))"/>
      <div class="transcript">
        <xsl:if test="$lang != '' and not(contains($lang, ' '))"><xsl:attribute name="lang"><xsl:value-of select="$lang"/></xsl:attribute></xsl:if>
        <xsl:apply-templates select="$text/*" mode="block"/>
      </div>
    </article>
  </xsl:template>

  <!-- Where and about what: setting place, partnerships, themes. -->
  <xsl:template name="facts">
    <xsl:variable name="places" select="$profile/tei:settingDesc//tei:setting/tei:placeName[normalize-space()]"/>
    <xsl:variable name="partnerships" select="$profile/tei:textClass//tei:keywords[@scheme = 'coopdec:partenariat']/tei:term[normalize-space(@key) != '']"/>
    <xsl:variable name="themes" select="$profile/tei:textClass//tei:keywords[@scheme = 'coopdec:theme']/tei:term[normalize-space()]"/>
    <xsl:if test="$places or $partnerships or $themes">
      <dl class="doc-meta">
        <xsl:if test="$places">
          <dt>Lieu</dt>
          <dd>
            <xsl:call-template name="join">
              <xsl:with-param name="items" select="$places"/>
              <xsl:with-param name="separator" select="' ; '"/>
            </xsl:call-template>
          </dd>
        </xsl:if>
        <xsl:if test="$partnerships">
          <dt>
            <xsl:choose>
              <xsl:when test="count($partnerships) &gt; 1">Partenariats</xsl:when>
              <xsl:otherwise>Partenariat</xsl:otherwise>
            </xsl:choose>
          </dt>
          <dd>
            <ul class="partenariats">
              <xsl:for-each select="$partnerships">
                <li>
                  <xsl:call-template name="partnership-link">
                    <xsl:with-param name="id" select="@key"/>
                  </xsl:call-template>
                </li>
              </xsl:for-each>
            </ul>
          </dd>
        </xsl:if>
        <xsl:if test="$themes">
          <dt>Thèmes</dt>
          <dd>
            <xsl:call-template name="themes-list">
              <xsl:with-param name="themes" select="$themes"/>
            </xsl:call-template>
          </dd>
        </xsl:if>
      </dl>
    </xsl:if>
  </xsl:template>

  <!-- "T. B. <span class="role">(maire)</span>" for the context person. -->
  <xsl:template name="person-name">
    <xsl:variable name="name" select="normalize-space(tei:persName[1])"/>
    <xsl:variable name="role" select="normalize-space(@role)"/>
    <span class="name">
      <xsl:choose>
        <xsl:when test="$name != ''"><xsl:value-of select="$name"/></xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="concat(@xml:id, substring(@id, 1 div not(string(@xml:id))),
                                       substring(tei:altGrp[1]/tei:alt[1]/@type, 1 div not(string(@xml:id) or string(@id))))"/>
        </xsl:otherwise>
      </xsl:choose>
    </span>
    <xsl:if test="$role != ''">
      <xsl:text> </xsl:text>
      <span class="role">
        <xsl:text>(</xsl:text>
        <xsl:call-template name="role-label"><xsl:with-param name="role" select="$role"/></xsl:call-template>
        <xsl:text>)</xsl:text>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- The participant roles of corpus/README.md, in words. -->
  <xsl:template name="role-label">
    <xsl:param name="role"/>
    <xsl:choose>
      <xsl:when test="$role = 'secretaire-general'">secrétaire général</xsl:when>
      <xsl:when test="$role = 'point-focal'">point focal</xsl:when>
      <xsl:when test="$role = 'partenaire-etranger'">partenaire étranger</xsl:when>
      <xsl:when test="$role = 'agent-technique'">agent technique</xsl:when>
      <xsl:when test="$role = 'conseiller'">conseiller municipal</xsl:when>
      <xsl:otherwise><xsl:value-of select="translate($role, '-', ' ')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Transcript body (mode block: between utterances) ===== -->

  <xsl:template match="*[local-name() = 'u']" mode="block">
    <xsl:variable name="gid" select="generate-id()"/>
    <xsl:variable name="anchor">
      <xsl:for-each select="$anchors[1]"><xsl:value-of select="key('anchor', $gid)"/></xsl:for-each>
    </xsl:variable>
    <xsl:variable name="pointer" select="normalize-space(@who)"/>
    <xsl:variable name="who-raw">
      <xsl:choose>
        <xsl:when test="$pointer != ''"><xsl:value-of select="$pointer"/></xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="normalize-space(ancestor::*[local-name() = 'annotationBlock' or local-name() = 'annotationBloc'][1]/@who)"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="first">
      <xsl:choose>
        <xsl:when test="contains($who-raw, ' ')"><xsl:value-of select="substring-before($who-raw, ' ')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$who-raw"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="who">
      <xsl:choose>
        <xsl:when test="starts-with($first, '#')"><xsl:value-of select="substring($first, 2)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$first"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="person" select="key('person', $who)[count(. | $persons) = count($persons)][1]"/>
    <xsl:variable name="role" select="normalize-space($person/@role)"/>
    <div class="u">
      <xsl:if test="$anchor != ''"><xsl:attribute name="id"><xsl:value-of select="$anchor"/></xsl:attribute></xsl:if>
      <xsl:if test="$role != ''"><xsl:attribute name="data-role"><xsl:value-of select="$role"/></xsl:attribute></xsl:if>
      <p class="speaker">
        <xsl:choose>
          <xsl:when test="$person">
            <xsl:for-each select="$person"><xsl:call-template name="person-name"/></xsl:for-each>
          </xsl:when>
          <xsl:when test="$who != ''"><span class="name"><xsl:value-of select="$who"/></span></xsl:when>
          <xsl:otherwise><span class="name">Intervenant inconnu</span></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$anchor != ''">
          <xsl:text> </xsl:text>
          <xsl:call-template name="permalink">
            <xsl:with-param name="anchor" select="$anchor"/>
            <xsl:with-param name="label">
              <xsl:text>l’intervention de </xsl:text>
              <xsl:choose>
                <xsl:when test="normalize-space($person/tei:persName[1]) != ''"><xsl:value-of select="$person/tei:persName[1]"/></xsl:when>
                <xsl:when test="$who != ''"><xsl:value-of select="$who"/></xsl:when>
                <xsl:otherwise>l’intervenant inconnu</xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:if>
      </p>
      <p><xsl:apply-templates mode="inline"/></p>
    </div>
  </xsl:template>

  <!-- An annotation tier (teiCorpo's spanGrp: a translation, phonetics…):
       its spans, apart from what was said. -->
  <xsl:template match="*[local-name() = 'spanGrp']" mode="block">
    <p class="tier"><xsl:apply-templates select="." mode="inline"/></p>
  </xsl:template>

  <xsl:template match="*[local-name() = 'spanGrp']" mode="inline">
    <xsl:call-template name="space-before"/>
    <span class="tier">
      <xsl:for-each select=".//text()[normalize-space()]">
        <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
        <xsl:value-of select="normalize-space()"/>
      </xsl:for-each>
    </span>
    <xsl:call-template name="space-after"/>
  </xsl:template>

  <!-- annotationBlock (teiCorpo), front, body, back: their content. -->
  <xsl:template match="*" mode="block">
    <xsl:apply-templates select="*|text()[normalize-space()]" mode="block"/>
  </xsl:template>

  <xsl:template match="text()" mode="block">
    <p><xsl:call-template name="squeeze"/></p>
  </xsl:template>

  <xsl:template match="tei:div" mode="block">
    <section class="tei-div">
      <xsl:apply-templates select="*|text()[normalize-space()]" mode="block"/>
    </section>
  </xsl:template>

  <!-- A heading with nothing to read (teiCorpo writes empty heads, and
       heads holding only timing notes) is left out. -->
  <xsl:template match="tei:head" mode="block">
    <xsl:variable name="depth" select="count(ancestor::tei:div)"/>
    <xsl:if test="text()[normalize-space()] or *[not(self::tei:note[@type = 'start' or @type = 'end'])][normalize-space()]">
      <xsl:element name="{concat('h', 1 + $depth * number($depth &lt; 5) + 5 * number($depth &gt;= 5))}">
        <xsl:apply-templates mode="inline"/>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:p" mode="block">
    <p><xsl:apply-templates mode="inline"/></p>
  </xsl:template>

  <xsl:template match="tei:note" mode="block">
    <aside class="note"><xsl:apply-templates mode="inline"/></aside>
  </xsl:template>

  <xsl:template match="tei:incident | tei:vocal | tei:kinesic | tei:pause | tei:gap" mode="block">
    <p class="event"><xsl:apply-templates select="." mode="inline"/></p>
  </xsl:template>

  <!-- Timing only: no text to show. -->
  <xsl:template match="tei:timeline | tei:anchor" mode="block"/>

  <!-- ===== Inside an utterance or a paragraph (mode inline) ===== -->

  <xsl:template match="text()" mode="inline">
    <xsl:call-template name="squeeze"/>
  </xsl:template>

  <!-- Pauses, gaps, incidents and notes separate words (see space-before). -->
  <xsl:template match="tei:pause" mode="inline">
    <xsl:call-template name="space-before"/>
    <xsl:text>…</xsl:text>
    <xsl:call-template name="space-after"/>
  </xsl:template>

  <xsl:template match="tei:gap" mode="inline">
    <xsl:call-template name="space-before"/>
    <xsl:text>[…]</xsl:text>
    <xsl:call-template name="space-after"/>
  </xsl:template>

  <!-- "[rires]": the description, else the type, as the extractor does. -->
  <xsl:template match="tei:incident | tei:vocal | tei:kinesic" mode="inline">
    <xsl:variable name="desc" select="normalize-space(tei:desc[1])"/>
    <xsl:variable name="what">
      <xsl:choose>
        <xsl:when test="$desc != ''"><xsl:value-of select="$desc"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="normalize-space(@type)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="$what != ''">
      <xsl:call-template name="space-before"/>
      <span class="incident"><xsl:value-of select="concat('[', $what, ']')"/></span>
      <xsl:call-template name="space-after"/>
    </xsl:if>
  </xsl:template>

  <!-- A transcriber's note inside running text: an aside cannot sit in a
       paragraph, so it is a span of the same class. -->
  <xsl:template match="tei:note" mode="inline">
    <xsl:call-template name="space-before"/>
    <span class="note">(<xsl:apply-templates mode="inline"/>)</span>
    <xsl:call-template name="space-after"/>
  </xsl:template>

  <!-- An utterance met inside another element's text (not valid TEI, but
       the extractor counts it): still a unit with its anchor. -->
  <xsl:template match="*[local-name() = 'u']" mode="inline">
    <xsl:apply-templates select="." mode="block"/>
  </xsl:template>

  <!-- Timing: anchors, and teiCorpo's start/end notes ("#T10"). -->
  <xsl:template match="tei:anchor | tei:note[@type = 'start' or @type = 'end']" mode="inline"/>

  <!-- seg, w, emph, name…: their text. -->
  <xsl:template match="*" mode="inline">
    <xsl:apply-templates mode="inline"/>
  </xsl:template>

</xsl:stylesheet>
