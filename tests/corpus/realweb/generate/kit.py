"""Shared pieces for the corpus generator: page records, money formats and the noise of real pages.

Everything here is deterministic: identifiers that look random are drawn from a generator seeded
by the page's slug, so regenerating the corpus gives the same bytes.
"""

from __future__ import annotations

import hashlib
import html
import json
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

KINDS = (
    "listing",
    "category",
    "search",
    "help",
    "cart",
    "signin",
    "loginwall",
    "botwall",
    "article",
    "home",
)
CMPS = ("onetrust", "cookiebot", "didomi", "quantcast")
TRANSPARENT_GIF = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


def esc(text: str) -> str:
    """HTML-escape text for element content and attribute values."""
    return html.escape(text, quote=True)


def rng(seed: str) -> random.Random:
    """A random generator that gives the same draws for the same seed on every run."""
    return random.Random(int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big"))


def hexid(seed: str, n: int = 16) -> str:
    """A stable hexadecimal identifier."""
    return hashlib.sha256(seed.encode()).hexdigest()[:n]


def digits(seed: str, n: int) -> str:
    """A stable string of ``n`` digits, not starting with 0."""
    r = rng(seed)
    return str(r.randint(1, 9)) + "".join(str(r.randint(0, 9)) for _ in range(n - 1))


def jdump(obj: Any, indent: int | None = None, ascii_only: bool = False) -> str:
    """JSON for inline scripts: ``</`` escaped so the script cannot end early."""
    text = json.dumps(
        obj, ensure_ascii=ascii_only, indent=indent, separators=None if indent else (",", ":")
    )
    return text.replace("</", "<\\/")


def ld(obj: Any, indent: int | None = None, wp: bool = False) -> str:
    """A JSON-LD script; ``wp`` escapes slashes the way WordPress plugins print them."""
    text = jdump(obj, indent)
    if wp:
        text = text.replace("/", "\\/")
    return f'<script type="application/ld+json">{text}</script>'


# -- money -------------------------------------------------------------------------------------

SEPARATORS = {
    "en": (",", "."),
    "de": (".", ","),
    "it": (".", ","),
    "es": (".", ","),
    "pt": (".", ","),
    "nl": (".", ","),
    "tr": (".", ","),
    "id": (".", ","),
    "vi": (".", ","),
    "fr": ("\u202f", ","),
    "pl": ("\u00a0", ","),
    "ru": ("\u00a0", ","),
    "sp": (" ", ","),
    "ch": ("\u2019", "."),
    "in": (",", "."),
    "plain": ("", "."),
    "none": ("", ","),
}


def num(amount: Decimal, loc: str = "en", places: int = 2) -> str:
    """``amount`` written the way locale ``loc`` writes numbers (grouping and decimal mark)."""
    group, dec = SEPARATORS[loc]
    text = f"{amount:.{places}f}"
    whole, _, frac = text.partition(".")
    if loc == "in" and len(whole) > 3:  # Indian grouping: 1,23,456
        head, tail = whole[:-3], whole[-3:]
        parts: list[str] = []
        while len(head) > 2:
            parts.insert(0, head[-2:])
            head = head[:-2]
        whole = ",".join([head, *parts, tail]) if head else ",".join([*parts, tail])
    else:
        groups: list[str] = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = group.join([whole, *groups])
    return f"{whole}{dec}{frac}" if places else whole


def arabic_digits(text: str) -> str:
    """Western digits and separators written as Arabic-Indic digits and separators."""
    table = str.maketrans("0123456789,.", "٠١٢٣٤٥٦٧٨٩٬٫")
    return text.translate(table)


# -- what a page is ------------------------------------------------------------------------------


@dataclass
class Item:
    """The product a listing page offers, and so the labels it is expected to yield."""

    title: str
    price: Decimal | None
    currency: str | None
    brand: str | None = None
    seller: str | None = None
    availability: str | None = "InStock"
    condition: str | None = "NewCondition"
    sku: str | None = None
    gtin: str | None = None
    mpn: str | None = None
    was: Decimal | None = None
    description: str = ""
    bullets: tuple[str, ...] = ()
    auction: bool = False

    def expect(self) -> dict[str, Any]:
        """The expected fields as labels.json stores them (prices as decimal strings)."""
        return {
            "title": self.title,
            "price": None if self.price is None else str(self.price),
            "currency": self.currency,
            "brand": self.brand,
            "seller": self.seller,
            "availability": self.availability,
            "condition": self.condition,
            "sku": self.sku,
            "gtin": self.gtin,
            "mpn": self.mpn,
            "auction": self.auction,
        }


@dataclass
class Page:
    """One generated page and its label."""

    slug: str
    url: str
    kind: str
    platform: str
    lang: str
    html: str
    features: list[str]
    item: Item | None = None
    serve: dict[str, Any] = field(default_factory=dict)
    charset: str = "utf-8"
    note: str | None = None

    def label(self) -> dict[str, Any]:
        """The labels.json entry for this page."""
        entry: dict[str, Any] = {
            "file": f"{self.slug}.html",
            "url": self.url,
            "kind": self.kind,
            "platform": self.platform,
            "lang": self.lang,
        }
        if self.item is not None:
            entry.update({k: v for k, v in self.item.expect().items() if v is not None})
            entry["price"] = None if self.item.price is None else str(self.item.price)
            entry["auction"] = self.item.auction
        entry["features"] = sorted(set(self.features))
        if self.charset.lower() != "utf-8":
            entry["charset"] = self.charset
        if self.serve:
            entry["serve"] = self.serve
        if self.note:
            entry["note"] = self.note
        return entry

    def data(self) -> bytes:
        """The page's bytes in its declared charset (characters it lacks become references)."""
        return self.html.encode(self.charset, errors="xmlcharrefreplace")


# -- language strings ---------------------------------------------------------------------------

KEYS = (
    "add_to_cart buy_now in_stock out_of_stock sold_by description shipping free_shipping "
    "reviews sign_in register search home cart account help related details brand sku new "
    "used price contact share report about privacy terms cookie_settings newsletter quantity "
    "delivery returns accept reject cookie_text manage email password"
).split()

_STRINGS = {
    "en": "Add to cart|Buy now|In stock|Out of stock|Sold by|Description|Shipping|Free shipping|"
    "Reviews|Sign in|Register|Search|Home|Cart|My account|Help|You may also like|Product details|"
    "Brand|SKU|New|Used|Price|Contact seller|Share|Report|About us|Privacy policy|"
    "Terms and conditions|Cookie settings|Subscribe to our newsletter|Quantity|Delivery|Returns|"
    "Accept all|Reject all|We use cookies to improve your experience, for analytics and for "
    "personalised advertising.|Manage preferences|Email address|Password",
    "de": "In den Warenkorb|Jetzt kaufen|Auf Lager|Nicht vorrätig|Verkauft von|Beschreibung|"
    "Versand|Kostenloser Versand|Bewertungen|Anmelden|Registrieren|Suche|Startseite|Warenkorb|"
    "Mein Konto|Hilfe|Das könnte dir auch gefallen|Produktdetails|Marke|Artikelnummer|Neu|"
    "Gebraucht|Preis|Verkäufer kontaktieren|Teilen|Melden|Über uns|Datenschutz|AGB|"
    "Cookie-Einstellungen|Newsletter abonnieren|Menge|Lieferung|Rückgabe|Alle akzeptieren|"
    "Alle ablehnen|Wir verwenden Cookies, um dein Erlebnis zu verbessern, für Statistiken und "
    "personalisierte Werbung.|Einstellungen verwalten|E-Mail-Adresse|Passwort",
    "fr": "Ajouter au panier|Acheter maintenant|En stock|Rupture de stock|Vendu par|Description|"
    "Livraison|Livraison gratuite|Avis|Se connecter|Créer un compte|Rechercher|Accueil|Panier|"
    "Mon compte|Aide|Vous aimerez aussi|Détails du produit|Marque|Référence|Neuf|Occasion|Prix|"
    "Contacter le vendeur|Partager|Signaler|À propos|Politique de confidentialité|"
    "Conditions générales de vente|Paramètres des cookies|Inscrivez-vous à la newsletter|"
    "Quantité|Livraison|Retours|Tout accepter|Tout refuser|Nous utilisons des cookies pour "
    "améliorer votre expérience, mesurer l'audience et vous proposer des publicités "
    "personnalisées.|Personnaliser|Adresse e-mail|Mot de passe",
    "es": "Añadir al carrito|Comprar ahora|En stock|Agotado|Vendido por|Descripción|Envío|"
    "Envío gratis|Opiniones|Iniciar sesión|Crear cuenta|Buscar|Inicio|Carrito|Mi cuenta|Ayuda|"
    "También te puede gustar|Detalles del producto|Marca|Referencia|Nuevo|Usado|Precio|"
    "Contactar al vendedor|Compartir|Denunciar|Sobre nosotros|Política de privacidad|"
    "Términos y condiciones|Configuración de cookies|Suscríbete a nuestro boletín|Cantidad|"
    "Entrega|Devoluciones|Aceptar todo|Rechazar todo|Utilizamos cookies para mejorar tu "
    "experiencia, con fines analíticos y para mostrarte publicidad personalizada.|"
    "Gestionar preferencias|Correo electrónico|Contraseña",
    "it": "Aggiungi al carrello|Acquista ora|Disponibile|Esaurito|Venduto da|Descrizione|"
    "Spedizione|Spedizione gratuita|Recensioni|Accedi|Registrati|Cerca|Home|Carrello|"
    "Il mio account|Assistenza|Potrebbe piacerti anche|Dettagli prodotto|Marca|Codice articolo|"
    "Nuovo|Usato|Prezzo|Contatta il venditore|Condividi|Segnala|Chi siamo|"
    "Informativa sulla privacy|Termini e condizioni|Impostazioni cookie|"
    "Iscriviti alla newsletter|Quantità|Consegna|Resi|Accetta tutto|Rifiuta tutto|Utilizziamo i "
    "cookie per migliorare la tua esperienza, per statistiche e per pubblicità personalizzata.|"
    "Gestisci preferenze|Indirizzo e-mail|Password",
    "pt": "Adicionar ao carrinho|Comprar agora|Em estoque|Esgotado|Vendido por|Descrição|Frete|"
    "Frete grátis|Avaliações|Entrar|Criar conta|Buscar|Início|Carrinho|Minha conta|Ajuda|"
    "Você também pode gostar|Detalhes do produto|Marca|Código|Novo|Usado|Preço|"
    "Falar com o vendedor|Compartilhar|Denunciar|Quem somos|Política de privacidade|"
    "Termos de uso|Configurações de cookies|Assine nossa newsletter|Quantidade|Entrega|"
    "Devoluções|Aceitar todos|Rejeitar todos|Usamos cookies para melhorar sua experiência, para "
    "estatísticas e publicidade personalizada.|Gerenciar preferências|E-mail|Senha",
    "nl": "In winkelwagen|Nu kopen|Op voorraad|Uitverkocht|Verkocht door|Beschrijving|Verzending|"
    "Gratis verzending|Reviews|Inloggen|Account aanmaken|Zoeken|Home|Winkelwagen|Mijn account|"
    "Klantenservice|Dit vind je misschien ook leuk|Productinformatie|Merk|Artikelnummer|Nieuw|"
    "Gebruikt|Prijs|Neem contact op met verkoper|Delen|Melden|Over ons|Privacybeleid|"
    "Algemene voorwaarden|Cookie-instellingen|Schrijf je in voor de nieuwsbrief|Aantal|Levering|"
    "Retourneren|Alles accepteren|Alles weigeren|We gebruiken cookies om je ervaring te "
    "verbeteren, voor statistieken en voor gepersonaliseerde advertenties.|Voorkeuren beheren|"
    "E-mailadres|Wachtwoord",
    "pl": "Dodaj do koszyka|Kup teraz|Dostępny|Niedostępny|Sprzedawca|Opis|Dostawa|"
    "Darmowa dostawa|Opinie|Zaloguj się|Załóż konto|Szukaj|Strona główna|Koszyk|Moje konto|Pomoc|"
    "Może Ci się spodobać|Szczegóły produktu|Marka|Kod produktu|Nowy|Używany|Cena|"
    "Napisz do sprzedającego|Udostępnij|Zgłoś|O nas|Polityka prywatności|Regulamin|"
    "Ustawienia plików cookie|Zapisz się do newslettera|Ilość|Dostawa|Zwroty|Akceptuj wszystkie|"
    "Odrzuć wszystkie|Używamy plików cookie, aby poprawić Twoje doświadczenia, do celów "
    "analitycznych i reklamy spersonalizowanej.|Zarządzaj ustawieniami|Adres e-mail|Hasło",
    "ru": "В корзину|Купить сейчас|В наличии|Нет в наличии|Продавец|Описание|Доставка|"
    "Бесплатная доставка|Отзывы|Войти|Регистрация|Поиск|Главная|Корзина|Личный кабинет|Помощь|"
    "Вам может понравиться|Характеристики|Бренд|Артикул|Новый|Б/у|Цена|Написать продавцу|"
    "Поделиться|Пожаловаться|О компании|Политика конфиденциальности|"
    "Пользовательское соглашение|Настройки cookie|Подписаться на рассылку|Количество|Доставка|"
    "Возврат|Принять все|Отклонить все|Мы используем файлы cookie, чтобы улучшить работу сайта, "
    "для аналитики и персонализированной рекламы.|Настроить|Электронная почта|Пароль",
    "zh": "加入购物车|立即购买|有货|无货|卖家|商品详情|配送|包邮|评价|请登录|免费注册|搜索|首页|"
    "购物车|我的账户|帮助中心|猜你喜欢|规格参数|品牌|商品编号|全新|二手|价格|联系卖家|分享|举报|"
    "关于我们|隐私政策|服务条款|Cookie 设置|订阅优惠信息|数量|送货|退换货|全部接受|全部拒绝|"
    "我们使用 Cookie 来改善您的体验、进行统计分析并提供个性化广告。|管理偏好|邮箱|密码",
    "ja": "カートに入れる|今すぐ買う|在庫あり|在庫切れ|販売元|商品説明|配送|送料無料|レビュー|"
    "ログイン|新規登録|検索|ホーム|カート|マイページ|ヘルプ|こちらもおすすめ|商品詳細|ブランド|"
    "商品番号|新品|中古|価格|出品者に連絡|シェア|通報|会社概要|プライバシーポリシー|利用規約|"
    "Cookie設定|メルマガ登録|数量|お届け|返品|すべて許可|すべて拒否|当サイトでは、利便性向上、"
    "アクセス解析および広告配信のためにCookieを使用しています。|設定を管理|メールアドレス|"
    "パスワード",
    "ko": "장바구니 담기|바로구매|재고 있음|품절|판매자|상품설명|배송|무료배송|상품평|로그인|"
    "회원가입|검색|홈|장바구니|마이페이지|고객센터|이런 상품은 어때요?|상품정보|브랜드|상품번호|"
    "새상품|중고|판매가|판매자 문의|공유하기|신고하기|회사소개|개인정보처리방침|이용약관|"
    "쿠키 설정|뉴스레터 구독|수량|배송안내|교환/반품|모두 수락|모두 거부|당사는 서비스 개선, "
    "통계 분석 및 맞춤형 광고를 위해 쿠키를 사용합니다.|설정 관리|이메일|비밀번호",
    "ar": "أضف إلى السلة|اشتر الآن|متوفر|غير متوفر|البائع|الوصف|الشحن|شحن مجاني|التقييمات|"
    "تسجيل الدخول|إنشاء حساب|بحث|الرئيسية|السلة|حسابي|المساعدة|قد يعجبك أيضاً|تفاصيل المنتج|"
    "العلامة التجارية|رمز المنتج|جديد|مستعمل|السعر|تواصل مع البائع|مشاركة|إبلاغ|من نحن|"
    "سياسة الخصوصية|الشروط والأحكام|إعدادات ملفات تعريف الارتباط|اشترك في النشرة البريدية|"
    "الكمية|التوصيل|الإرجاع|قبول الكل|رفض الكل|نستخدم ملفات تعريف الارتباط لتحسين تجربتك "
    "ولأغراض التحليل والإعلانات المخصصة.|إدارة التفضيلات|البريد الإلكتروني|كلمة المرور",
    "th": "เพิ่มไปยังรถเข็น|ซื้อเลย|มีสินค้า|สินค้าหมด|ผู้ขาย|รายละเอียดสินค้า|การจัดส่ง|ส่งฟรี|"
    "รีวิว|เข้าสู่ระบบ|สมัครสมาชิก|ค้นหา|หน้าแรก|รถเข็น|บัญชีของฉัน|ช่วยเหลือ|สินค้าที่คุณอาจชอบ|"
    "ข้อมูลจำเพาะ|แบรนด์|รหัสสินค้า|ใหม่|มือสอง|ราคา|แชทกับผู้ขาย|แชร์|รายงาน|เกี่ยวกับเรา|"
    "นโยบายความเป็นส่วนตัว|ข้อกำหนดและเงื่อนไข|การตั้งค่าคุกกี้|สมัครรับข่าวสาร|จำนวน|การจัดส่ง|"
    "การคืนสินค้า|ยอมรับทั้งหมด|ปฏิเสธทั้งหมด|เราใช้คุกกี้เพื่อพัฒนาประสบการณ์ของคุณ "
    "เพื่อการวิเคราะห์ และโฆษณาที่ตรงใจ|จัดการการตั้งค่า|อีเมล|รหัสผ่าน",
    "tr": "Sepete Ekle|Hemen Al|Stokta|Tükendi|Satıcı|Ürün Açıklaması|Kargo|Ücretsiz Kargo|"
    "Değerlendirmeler|Giriş Yap|Üye Ol|Ara|Ana Sayfa|Sepetim|Hesabım|Yardım|"
    "Bunlar da ilginizi çekebilir|Ürün Özellikleri|Marka|Ürün Kodu|Yeni|İkinci El|Fiyat|"
    "Satıcıya Sor|Paylaş|Bildir|Hakkımızda|Gizlilik Politikası|Kullanım Koşulları|Çerez Ayarları|"
    "Bültene abone ol|Adet|Teslimat|İade|Tümünü Kabul Et|Tümünü Reddet|Deneyiminizi iyileştirmek, "
    "analiz ve kişiselleştirilmiş reklamlar için çerezler kullanıyoruz.|Tercihleri Yönet|"
    "E-posta|Şifre",
}


def _strings() -> dict[str, dict[str, str]]:
    table = {}
    for lang, joined in _STRINGS.items():
        values = joined.split("|")
        assert len(values) == len(KEYS), (lang, len(values))
        table[lang] = dict(zip(KEYS, values, strict=True))
    return table


T = _strings()


# -- noise ---------------------------------------------------------------------------------------


def gtm(container: str, layer: dict[str, Any] | None = None) -> str:
    """Google Tag Manager as pasted into the head, with an optional first dataLayer push."""
    push = f"window.dataLayer.push({jdump(layer)});" if layer else ""
    return (
        "<script>window.dataLayer = window.dataLayer || [];" + push + "</script>\n"
        "<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':\n"
        "new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],\n"
        "j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src=\n"
        "'https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);\n"
        f"}})(window,document,'script','dataLayer','{container}');</script>"
    )


def fb_pixel(pixel: str) -> str:
    """The Meta pixel snippet."""
    return (
        "<script>!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?\n"
        "n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;\n"
        "n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;\n"
        "t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,\n"
        "document,'script','https://connect.facebook.net/en_US/fbevents.js');\n"
        f"fbq('init', '{pixel}');fbq('track', 'PageView');</script>\n"
        f'<noscript><img height="1" width="1" style="display:none" '
        f'src="https://www.facebook.com/tr?id={pixel}&amp;ev=PageView&amp;noscript=1"/></noscript>'
    )


def hotjar(site: str) -> str:
    """The Hotjar snippet."""
    return (
        "<script>(function(h,o,t,j,a,r){h.hj=h.hj||function(){(h.hj.q=h.hj.q||[]).push("
        f"arguments)}};h._hjSettings={{hjid:{site},hjsv:6}};a=o.getElementsByTagName('head')[0];"
        "r=o.createElement('script');r.async=1;r.src=t+h._hjSettings.hjid+j+h._hjSettings.hjsv;"
        "a.appendChild(r);})(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');"
        "</script>"
    )


def consent(cmp: str, lang: str, slug: str) -> str:
    """A cookie-consent banner in the markup its CMP injects, with a tiny inline handler.

    The CMP scripts themselves come from the CMP's CDN and cannot load here, so the banner is
    inlined as it stands in the DOM once shown; the handler hides it and sets the CMP's cookie.
    """
    s = T.get(lang, T["en"])
    text, accept, reject, manage = s["cookie_text"], s["accept"], s["reject"], s["manage"]
    if cmp == "onetrust":
        body = (
            '<div id="onetrust-consent-sdk" data-nosnippet="true">'
            '<div class="onetrust-pc-dark-filter ot-fade-in"></div>\n'
            '<div id="onetrust-banner-sdk" class="otFlat ot-wo-title vertical-align-content" '
            'tabindex="0" role="region" aria-label="Cookie banner" style="position:fixed;bottom:0;'
            "left:0;right:0;z-index:2147483645;background:#fff;padding:16px;"
            'box-shadow:0 0 18px rgba(0,0,0,.2)">\n'
            '<div role="dialog" aria-label="Privacy" aria-describedby="onetrust-policy-text">'
            '<div class="ot-sdk-container"><div class="ot-sdk-row">'
            '<div id="onetrust-group-container" class="ot-sdk-eight ot-sdk-columns">'
            '<div class="banner_logo"></div><div id="onetrust-policy">'
            f'<div id="onetrust-policy-text">{esc(text)} <a class="ot-cookie-policy-link" '
            f'href="/privacy" aria-label="{esc(s["privacy"])}">{esc(s["privacy"])}</a></div>'
            "</div></div>\n"
            '<div id="onetrust-button-group-parent" class="ot-sdk-three ot-sdk-columns">'
            '<div id="onetrust-button-group">'
            f'<button id="onetrust-pc-btn-handler">{esc(manage)}</button>'
            f'<button id="onetrust-reject-all-handler">{esc(reject)}</button>'
            f'<button id="onetrust-accept-btn-handler">{esc(accept)}</button>'
            "</div></div></div></div></div></div></div>\n"
            f'<script src="https://cdn.cookielaw.org/scripttemplates/otSDKStub.js" '
            f'data-document-language="true" charset="UTF-8" '
            f'data-domain-script="{hexid(slug, 8)}-{hexid(slug + "a", 4)}-4{hexid(slug, 3)}-'
            f'{hexid(slug + "b", 12)}"></script>\n'
            "<script>function OptanonWrapper(){}\n"
            "(function(){var b=document.getElementById('onetrust-banner-sdk');\n"
            "function close(v){document.cookie='OptanonAlertBoxClosed='+new Date().toISOString()"
            "+';path=/';\ndocument.cookie='OptanonConsent=groups='+v+';path=/';"
            "b.style.display='none';}\n"
            "document.getElementById('onetrust-accept-btn-handler').onclick=function(){"
            "close('C0001:1,C0002:1,C0004:1')};\n"
            "document.getElementById('onetrust-reject-all-handler').onclick=function(){"
            "close('C0001:1,C0002:0,C0004:0')};})();</script>"
        )
    elif cmp == "cookiebot":
        body = (
            '<div id="CybotCookiebotDialog" name="CybotCookiebotDialog" role="dialog" '
            'aria-modal="true" aria-labelledby="CybotCookiebotDialogBodyContentTitle" '
            f'tabindex="-1" lang="{lang}" dir="ltr" data-template="popup" '
            'class="CybotCookiebotDialogActive" style="display:flex;position:fixed;z-index:'
            "2147483631;top:50%;left:50%;transform:translate(-50%,-50%);background:#fff;"
            'max-width:600px;padding:24px">\n'
            '<div class="CybotCookiebotDialogContentWrapper"><div id="CybotCookiebotDialogBody">'
            f'<h2 id="CybotCookiebotDialogBodyContentTitle">{esc(s["cookie_settings"])}</h2>'
            f'<div id="CybotCookiebotDialogBodyContentText">{esc(text)}</div></div>\n'
            '<div id="CybotCookiebotDialogFooter">'
            '<div id="CybotCookiebotDialogBodyButtonsWrapper">'
            '<button id="CybotCookiebotDialogBodyButtonDecline" '
            f'class="CybotCookiebotDialogBodyButton">{esc(reject)}</button>'
            '<button id="CybotCookiebotDialogBodyLevelButtonCustomize" '
            f'class="CybotCookiebotDialogBodyButton">{esc(manage)}</button>'
            '<button id="CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll" '
            f'class="CybotCookiebotDialogBodyButton">{esc(accept)}</button>'
            "</div></div></div></div>\n"
            '<script id="Cookiebot" src="https://consent.cookiebot.com/uc.js" '
            f'data-cbid="{hexid(slug, 8)}-{hexid(slug, 4)}-{hexid(slug + "c", 4)}" '
            'data-blockingmode="auto" type="text/javascript"></script>\n'
            "<script>(function(){var d=document.getElementById('CybotCookiebotDialog');\n"
            "function close(a){document.cookie='CookieConsent={stamp:%27'+Date.now()+"
            "'%27%2Cnecessary:true%2Cstatistics:'+a+'%2Cmarketing:'+a+'};path=/';"
            "d.style.display='none';}\n"
            "document.getElementById('CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll')"
            ".onclick=function(){close(true)};\n"
            "document.getElementById('CybotCookiebotDialogBodyButtonDecline').onclick="
            "function(){close(false)};})();</script>"
        )
    elif cmp == "didomi":
        body = (
            '<div id="didomi-host" data-nosnippet="true" aria-hidden="true">'
            '<div class="didomi-popup-container didomi-notice-popup">'
            '<div id="didomi-popup" class="didomi-popup-backdrop didomi-notice-popup '
            'didomi-popup__backdrop" style="position:fixed;inset:0;background:rgba(0,0,0,.5);'
            'z-index:2147483641">\n<div class="didomi-popup-container '
            'didomi-popup-notice-with-data-processing" style="background:#fff;max-width:640px;'
            'margin:10% auto;padding:24px">'
            '<div class="didomi-popup-notice didomi-popup-notice-with-data-processing">'
            '<div class="didomi-popup-notice-text-container">'
            f'<div class="didomi-popup-notice-text" id="didomi-notice-text">{esc(text)}</div>'
            '</div><div class="didomi-popup-notice-buttons">\n'
            '<button id="didomi-notice-disagree-button" class="didomi-components-button '
            f'didomi-button didomi-button-standard standard-button">{esc(reject)}</button>'
            '<button id="didomi-notice-learn-more-button" class="didomi-components-button '
            "didomi-button didomi-dismiss-button didomi-components-button--color "
            f'didomi-button-highlight highlight-button">{esc(manage)}</button>'
            f'<button id="didomi-notice-agree-button" aria-label="{esc(accept)}" '
            'class="didomi-components-button didomi-button didomi-dismiss-button '
            f'didomi-components-button--color didomi-button-highlight highlight-button">'
            f"<span>{esc(accept)}</span></button>\n"
            "</div></div></div></div></div></div>\n"
            "<script>window.gdprAppliesGlobally=true;window.didomiConfig={app:{apiKey:'"
            f"{hexid(slug, 8)}-{hexid(slug + 'd', 4)}',vendors:{{iab:{{all:true}}}}}}}};\n"
            "(function(){var h=document.getElementById('didomi-host');function close(ok){"
            "document.cookie='didomi_token='+btoa(JSON.stringify({user_id:'"
            f"{hexid(slug + 'u', 16)}',created:new Date().toISOString(),"
            "purposes:{enabled:ok?['cookies','analytics']:[]}}))+';path=/';"
            "h.style.display='none';}\n"
            "document.getElementById('didomi-notice-agree-button').onclick=function(){"
            "close(true)};\ndocument.getElementById('didomi-notice-disagree-button').onclick="
            "function(){close(false)};})();</script>"
        )
    elif cmp == "quantcast":
        body = (
            '<div id="qc-cmp2-container" data-nosnippet=""><div id="qc-cmp2-main" '
            'class="qc-cmp2-main"><div class="qc-cmp-cleanslate css-mj9oiy" style="position:'
            'fixed;inset:0;z-index:2147483647;background:rgba(0,0,0,.4)">\n'
            '<div id="qc-cmp2-ui" role="dialog" aria-label="qc-cmp2-ui" aria-modal="true" '
            'tabindex="0" class="css-1bn4xtp" style="background:#fff;max-width:700px;'
            'margin:8% auto;padding:24px"><div class="qc-cmp2-summary-section">'
            f'<h2 class="css-1eqqoa7">{esc(s["cookie_settings"])}</h2>'
            f'<div class="qc-cmp2-summary-info css-1fs1ps1"><p>{esc(text)}</p></div></div>\n'
            '<div class="qc-cmp2-footer qc-cmp2-footer-overlay qc-cmp2-footer-scrolled">'
            '<div class="qc-cmp2-summary-buttons">'
            f'<button mode="secondary" size="large" class=" css-47sehv"><span>{esc(manage)}'
            "</span></button>"
            f'<button mode="secondary" size="large" class=" css-47sehv"><span>{esc(reject)}'
            "</span></button>"
            f'<button mode="primary" size="large" class=" css-47sehv"><span>{esc(accept)}'
            "</span></button></div></div></div></div></div></div>\n"
            "<script>(function(){var c=document.getElementById('qc-cmp2-container');\n"
            "c.querySelectorAll('.qc-cmp2-summary-buttons button').forEach(function(b){\n"
            "b.onclick=function(){document.cookie='euconsent-v2=CP'+Date.now().toString(36)"
            "+'AAAA;path=/';c.style.display='none';};});})();</script>"
        )
    else:
        raise ValueError(cmp)
    return body


LAZY_JS = (
    "<script>(function(){var io=new IntersectionObserver(function(es){es.forEach(function(e){"
    "if(!e.isIntersecting)return;var i=e.target;i.src=i.getAttribute('data-src');"
    "i.classList.remove('lazyload');i.classList.add('lazyloaded');io.unobserve(i);});},"
    "{rootMargin:'200px'});document.querySelectorAll('img.lazyload').forEach(function(i){"
    "io.observe(i);});})();</script>"
)


def lazy_img(src: str, alt: str, cls: str = "", width: int = 300, height: int = 300) -> str:
    """An image that only loads when scrolled into view (lazysizes-style ``data-src``)."""
    classes = f"lazyload {cls}".strip()
    return (
        f'<img class="{classes}" src="{TRANSPARENT_GIF}" data-src="{esc(src)}" '
        f'alt="{esc(alt)}" width="{width}" height="{height}">'
    )


def looping_img(src: str, fallback: str, alt: str = "") -> str:
    """An image whose onerror swaps in a fallback that fails too, forever: no ``load`` event."""
    return (
        f'<img src="{esc(src)}" alt="{esc(alt)}" width="600" height="600" '
        f"onerror=\"this.src='{esc(fallback)}'\">"
    )


def filler(px: int, lang: str) -> str:
    """Marker the corpus server expands into ``px`` pixels of reviews when it serves the page."""
    return f"<!--corpus:filler px={px} lang={lang}-->"


def stars(rating: float) -> str:
    """A five-star rating as text."""
    full = int(rating)
    return "★" * full + "☆" * (5 - full)


def frame(
    lang: str,
    title: str,
    head: str,
    body: str,
    *,
    html_attrs: str = "",
    body_attrs: str = "",
    charset: str = "utf-8",
) -> str:
    """A whole document around a head and a body."""
    direction = ' dir="rtl"' if lang == "ar" else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"{direction} {html_attrs}>'.replace(" >", ">")
        + f'\n<head>\n<meta charset="{charset}">\n<meta name="viewport" '
        'content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n{head}\n</head>\n"
        f"<body {body_attrs}>\n".replace(" >", ">")
        + body
        + "\n</body>\n</html>\n"
    )


def footer_links(lang: str) -> str:
    """A generic footer column."""
    s = T[lang]
    links = [
        ("about", "/about"),
        ("help", "/help"),
        ("privacy", "/privacy"),
        ("terms", "/terms"),
        ("cookie_settings", "#cookies"),
        ("returns", "/returns"),
    ]
    items = "".join(f'<li><a href="{href}">{esc(s[key])}</a></li>' for key, href in links)
    return f'<ul class="footer-links">{items}</ul>'
